package io.pinflow.connectors.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinflow.domain.access.Actor;
import io.pinflow.domain.common.ConflictException;
import io.pinflow.domain.common.ForbiddenException;
import io.pinflow.domain.common.NotFoundException;
import io.pinflow.domain.common.ValidationException;
import java.net.URI;
import java.util.Map;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The connector endpoints' side of HTTP: who calls (signed in by the application's security), the
 * JSON body, and errors as the same RFC 9457 problems the REST API answers with.
 */
@Component
public class InboundHttp {

  public static final String PROBLEM_BASE = "https://pinflow.io/problems/";
  private static final Logger LOG = LoggerFactory.getLogger(InboundHttp.class);
  private static final int MAX_BODY = 10 * 1024 * 1024;

  private final ObjectMapper json = new ObjectMapper();

  /** Handles one request: the body in, the handler's result out as JSON. */
  @FunctionalInterface
  public interface Handler {
    Object handle(Exchange exchange, String body) throws Exception;
  }

  public void handle(final Exchange exchange, final Handler handler) {
    respond(
        exchange,
        () -> {
          final String body = exchange.getMessage().getBody(String.class);
          if (body == null || body.isBlank()) {
            throw new MalformedBody("a JSON body is required");
          }
          if (body.length() > MAX_BODY) {
            throw new MalformedBody("the body is larger than " + MAX_BODY + " characters");
          }
          return handler.handle(exchange, body);
        });
  }

  /** Handles one request whose body the handler reads as a stream (uploads of any size). */
  public void handleStream(final Exchange exchange, final StreamHandler handler) {
    respond(
        exchange,
        () -> {
          final java.io.InputStream body = exchange.getMessage().getBody(java.io.InputStream.class);
          if (body == null) {
            throw new MalformedBody("a request body is required");
          }
          return handler.handle(exchange, body);
        });
  }

  /** Handles one request whose body is read as a stream. */
  @FunctionalInterface
  public interface StreamHandler {
    Object handle(Exchange exchange, java.io.InputStream body) throws Exception;
  }

  private void respond(final Exchange exchange, final java.util.concurrent.Callable<Object> work) {
    Object result;
    try {
      result = work.call();
      if (exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE) == null) {
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
      }
      respond(exchange, "application/json", result);
    } catch (final ValidationException e) {
      final ProblemDetail problem =
          problem(
              HttpStatus.BAD_REQUEST,
              "validation",
              "Invalid request",
              e.errors().size() + " field(s) invalid");
      problem.setProperty(
          "errors",
          e.errors().stream()
              .map(f -> Map.of("field", f.field(), "message", f.message()))
              .toList());
      fail(exchange, problem);
    } catch (final MalformedBody e) {
      fail(
          exchange,
          problem(
              HttpStatus.BAD_REQUEST, "malformed-body", "Malformed request body", e.getMessage()));
    } catch (final NotFoundException e) {
      fail(exchange, problem(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage()));
    } catch (final ForbiddenException e) {
      fail(exchange, problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", e.getMessage()));
    } catch (final ConflictException e) {
      fail(
          exchange,
          problem(HttpStatus.CONFLICT, "conflict/" + e.reason(), "Conflict", e.getMessage()));
    } catch (final Exception e) {
      LOG.error("Connector endpoint {} failed", exchange.getFromRouteId(), e);
      fail(
          exchange,
          problem(
              HttpStatus.INTERNAL_SERVER_ERROR,
              "internal",
              "Internal error",
              "the request could not be completed; it has been logged"));
    }
  }

  /** The body as a JSON object, or a clear 400. */
  public JsonNode parseObject(final String body) {
    final JsonNode node;
    try {
      node = json.readTree(body);
    } catch (final JsonProcessingException e) {
      throw new MalformedBody(
          "not valid JSON at line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr());
    }
    if (node == null || !node.isObject()) {
      throw new MalformedBody("the body must be a JSON object");
    }
    return node;
  }

  /** The signed-in caller; security lets only authorised callers reach the connector routes. */
  public Actor actor(final Exchange exchange) {
    final var authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication != null && authentication.getPrincipal() instanceof Actor actor) {
      return actor;
    }
    throw new ForbiddenException("no signed-in caller");
  }

  private void fail(final Exchange exchange, final ProblemDetail problem) {
    exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, problem.getStatus());
    // RFC 9457: extension members sit beside the standard ones, absent ones are left out
    final Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("type", problem.getType().toString());
    body.put("title", problem.getTitle());
    body.put("status", problem.getStatus());
    body.put("detail", problem.getDetail());
    body.put("instance", exchange.getMessage().getHeader(Exchange.HTTP_URI, String.class));
    if (problem.getProperties() != null) {
      body.putAll(problem.getProperties());
    }
    body.values().removeIf(java.util.Objects::isNull);
    try {
      respond(exchange, "application/problem+json", body);
    } catch (final JsonProcessingException e) {
      exchange.getMessage().setBody("{\"status\":" + problem.getStatus() + "}");
    }
  }

  private void respond(final Exchange exchange, final String contentType, final Object body)
      throws JsonProcessingException {
    exchange.getMessage().removeHeaders("*", Exchange.HTTP_RESPONSE_CODE);
    exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, contentType);
    exchange.getMessage().setBody(json.writeValueAsString(body));
  }

  private static ProblemDetail problem(
      final HttpStatus status, final String type, final String title, final String detail) {
    final ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create(PROBLEM_BASE + type));
    problem.setTitle(title);
    return problem;
  }

  /** A body that is not what the endpoint reads. */
  public static final class MalformedBody extends RuntimeException {
    public MalformedBody(final String message) {
      super(message);
    }
  }
}
