package io.pinflow.api.web;

import io.pinflow.domain.common.ConflictException;
import io.pinflow.domain.common.ForbiddenException;
import io.pinflow.domain.common.NotFoundException;
import io.pinflow.domain.common.ValidationException;
import io.pinflow.domain.common.ValidationException.FieldError;
import jakarta.validation.ConstraintViolationException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error leaves the API as an RFC 9457 problem with a stable {@code type}; validation errors
 * carry an {@code errors} array of {@code {field, message}}. Unexpected failures are logged with
 * their cause and answered without internals.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

  public static final String TYPE_BASE = "https://pinflow.io/problems/";
  private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionHandler.class);

  @ExceptionHandler(ValidationException.class)
  ProblemDetail invalid(final ValidationException e) {
    return validation(e.errors());
  }

  @ExceptionHandler(NotFoundException.class)
  ProblemDetail notFound(final NotFoundException e) {
    return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage());
  }

  @ExceptionHandler(NoSuchElementException.class)
  ProblemDetail noSuchElement(final NoSuchElementException e) {
    return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage());
  }

  @ExceptionHandler(ConflictException.class)
  ProblemDetail conflict(final ConflictException e) {
    final ProblemDetail problem =
        problem(HttpStatus.CONFLICT, "conflict/" + e.reason(), "Conflict", e.getMessage());
    problem.setProperty("reason", e.reason());
    return problem;
  }

  @ExceptionHandler(ForbiddenException.class)
  ProblemDetail forbidden(final ForbiddenException e) {
    return problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", e.getMessage());
  }

  @ExceptionHandler(ConstraintViolationException.class)
  ProblemDetail constraintViolation(final ConstraintViolationException e) {
    return validation(
        e.getConstraintViolations().stream()
            .map(v -> new FieldError(leaf(v.getPropertyPath().toString()), v.getMessage()))
            .toList());
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ProblemDetail typeMismatch(final MethodArgumentTypeMismatchException e) {
    return validation(List.of(new FieldError(e.getName(), ExpectedValue.of(e.getRequiredType()))));
  }

  /**
   * No database connection within the pool's wait (every connection busy, or the database
   * unreachable) or a connection lost on the way: the call did not take effect and may be repeated.
   */
  @ExceptionHandler({
    org.springframework.dao.DataAccessResourceFailureException.class,
    org.springframework.dao.TransientDataAccessResourceException.class,
    org.springframework.dao.RecoverableDataAccessException.class,
    org.springframework.transaction.CannotCreateTransactionException.class
  })
  ResponseEntity<ProblemDetail> busy(final Exception e) {
    LOG.warn("No database connection within the pool's wait: {}", e.getMessage());
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, "1")
        .body(
            problem(
                HttpStatus.SERVICE_UNAVAILABLE,
                "busy",
                "Busy",
                "the service is busy; repeat the call after the time in Retry-After"));
  }

  @ExceptionHandler(Exception.class)
  ProblemDetail unexpected(final Exception e) throws Exception {
    if (e instanceof org.springframework.security.access.AccessDeniedException
        || e instanceof org.springframework.security.core.AuthenticationException) {
      throw e;
    }
    LOG.error("Unexpected failure", e);
    return problem(
        HttpStatus.INTERNAL_SERVER_ERROR,
        "internal",
        "Internal error",
        "the request could not be completed; it has been logged");
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      final MethodArgumentNotValidException e,
      final HttpHeaders headers,
      final HttpStatusCode status,
      final WebRequest request) {
    final List<FieldError> errors =
        e.getBindingResult().getFieldErrors().stream()
            .map(f -> new FieldError(f.getField(), f.getDefaultMessage()))
            .toList();
    return ResponseEntity.badRequest().body(validation(errors));
  }

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(
      final HandlerMethodValidationException e,
      final HttpHeaders headers,
      final HttpStatusCode status,
      final WebRequest request) {
    final List<FieldError> errors =
        e.getParameterValidationResults().stream()
            .flatMap(
                result ->
                    result.getResolvableErrors().stream()
                        .map(
                            error ->
                                new FieldError(
                                    result.getMethodParameter().getParameterName(),
                                    error.getDefaultMessage())))
            .toList();
    return ResponseEntity.badRequest().body(validation(errors));
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      final HttpMessageNotReadableException e,
      final HttpHeaders headers,
      final HttpStatusCode status,
      final WebRequest request) {
    return ResponseEntity.badRequest()
        .body(
            problem(
                HttpStatus.BAD_REQUEST,
                "malformed-body",
                "Malformed request body",
                JsonErrors.describe(e)));
  }

  @Override
  protected ResponseEntity<Object> handleExceptionInternal(
      final Exception e,
      final Object body,
      final HttpHeaders headers,
      final HttpStatusCode status,
      final WebRequest request) {
    if (body instanceof ProblemDetail problem
        && problem.getType().equals(URI.create("about:blank"))) {
      problem.setType(URI.create(TYPE_BASE + "http-" + status.value()));
    }
    return super.handleExceptionInternal(e, body, headers, status, request);
  }

  static ProblemDetail validation(final List<FieldError> errors) {
    final ProblemDetail problem =
        problem(
            HttpStatus.BAD_REQUEST,
            "validation",
            "Invalid request",
            errors.size() == 1 ? "1 field is invalid" : errors.size() + " fields are invalid");
    problem.setProperty(
        "errors",
        errors.stream().map(e -> Map.of("field", e.field(), "message", e.message())).toList());
    return problem;
  }

  public static ProblemDetail problem(
      final HttpStatus status, final String type, final String title, final String detail) {
    final ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create(TYPE_BASE + type));
    problem.setTitle(title);
    return problem;
  }

  private static String leaf(final String path) {
    final int dot = path.lastIndexOf('.');
    return dot < 0 ? path : path.substring(dot + 1);
  }
}
