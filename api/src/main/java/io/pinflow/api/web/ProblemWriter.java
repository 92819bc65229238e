package io.pinflow.api.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/** Writes a problem detail where no controller advice runs (security filters). */
@Component
public class ProblemWriter {

  private final ObjectMapper json;

  public ProblemWriter(final ObjectMapper json) {
    this.json = json;
  }

  public void write(
      final HttpServletRequest request,
      final HttpServletResponse response,
      final HttpStatus status,
      final String type,
      final String title,
      final String detail)
      throws IOException {
    final ProblemDetail problem = ApiExceptionHandler.problem(status, type, title, detail);
    problem.setInstance(URI.create(request.getRequestURI()));
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(response.getOutputStream(), problem);
  }
}
