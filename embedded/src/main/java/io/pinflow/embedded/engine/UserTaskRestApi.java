package io.pinflow.embedded.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.camunda.zeebe.process.test.engine.UserTaskCommands;
import io.camunda.zeebe.protocol.record.RejectionType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part of Camunda 8.8's REST API that the embedded engine offers: the user-task commands
 * (complete, assign, unassign) and reading one open user task, on the loopback interface. The
 * Camunda client's own user-task commands work against it as against a cluster.
 *
 * <ul>
 *   <li>{@code POST /v2/user-tasks/{key}/completion} {@code {"variables":{…},"action":"…"}} → 204
 *   <li>{@code POST /v2/user-tasks/{key}/assignment} {@code {"assignee":"…","allowOverride":true}}
 *       → 204
 *   <li>{@code DELETE /v2/user-tasks/{key}/assignee} → 204
 *   <li>{@code GET /v2/user-tasks/{key}} → 200 while the task is open, else 404
 * </ul>
 *
 * Errors are RFC 9457 problem details, as the cluster answers them: the engine's rejection as
 * title, 404 for an unknown or finished task, 409 for a task in the wrong state, 400 for a body
 * that is not what the endpoint takes.
 */
final class UserTaskRestApi {

  private static final Logger LOG = LoggerFactory.getLogger(UserTaskRestApi.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PATH =
      Pattern.compile("^/v2/user-tasks/(\\d{1,19})(/completion|/assignment|/assignee)?$");
  private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

  private final InetSocketAddress address;
  private final EmbeddedEngine engine;
  private HttpServer server;
  private ExecutorService executor;

  UserTaskRestApi(final InetSocketAddress address, final EmbeddedEngine engine) {
    this.address = address;
    this.engine = engine;
  }

  synchronized void open() {
    if (server != null) {
      return;
    }
    try {
      final HttpServer http = HttpServer.create(address, 64);
      executor = Executors.newVirtualThreadPerTaskExecutor();
      http.setExecutor(executor);
      http.createContext("/", this::handle);
      http.start();
      server = http;
    } catch (final IOException e) {
      throw new UncheckedIOException(
          "Zeebe REST API could not listen on " + address + " (port in use?)", e);
    }
  }

  synchronized void close() {
    if (server != null) {
      server.stop(0);
      executor.shutdownNow();
      server = null;
    }
  }

  private void handle(final HttpExchange exchange) throws IOException {
    try (exchange) {
      route(exchange);
    }
  }

  private void route(final HttpExchange exchange) throws IOException {
    try {
      final String path = exchange.getRequestURI().getPath();
      final Matcher matcher = PATH.matcher(path);
      if (!matcher.matches()) {
        problem(exchange, 404, "NOT_FOUND", "the embedded engine does not offer " + path);
        return;
      }
      final long key;
      try {
        key = Long.parseLong(matcher.group(1));
      } catch (final NumberFormatException e) {
        problem(exchange, 400, "INVALID_ARGUMENT", "not a user task key: " + matcher.group(1));
        return;
      }
      final String action = matcher.group(2) == null ? "" : matcher.group(2);
      final String method = exchange.getRequestMethod();
      switch (method + " " + action) {
        case "GET " -> read(exchange, key);
        case "POST /completion" -> complete(exchange, key);
        case "POST /assignment" -> assign(exchange, key);
        case "DELETE /assignee" -> answer(exchange, engine.unassignUserTask(key, null));
        default ->
            problem(exchange, 405, "METHOD_NOT_ALLOWED", method + " is not allowed on " + path);
      }
    } catch (final BadRequest e) {
      problem(exchange, 400, "INVALID_ARGUMENT", e.getMessage());
    } catch (final RuntimeException e) {
      LOG.warn("user-task request {} failed", exchange.getRequestURI(), e);
      problem(exchange, 503, "UNAVAILABLE", "the engine did not answer: " + e.getMessage());
    }
  }

  private void read(final HttpExchange exchange, final long key) throws IOException {
    final Optional<OpenUserTask> task = engine.openUserTask(key);
    if (task.isEmpty()) {
      problem(exchange, 404, "NOT_FOUND", "no open user task with key " + key);
      return;
    }
    send(exchange, 200, "application/json", JSON.writeValueAsBytes(view(task.get())));
  }

  private void complete(final HttpExchange exchange, final long key) throws IOException {
    final JsonNode body = body(exchange);
    final JsonNode variables = body.path("variables");
    if (!variables.isMissingNode() && !variables.isNull() && !variables.isObject()) {
      throw new BadRequest("variables must be a JSON object");
    }
    final String variablesJson = variables.isObject() ? JSON.writeValueAsString(variables) : null;
    answer(exchange, engine.completeUserTask(key, variablesJson, text(body, "action")));
  }

  private void assign(final HttpExchange exchange, final long key) throws IOException {
    final JsonNode body = body(exchange);
    final String assignee = text(body, "assignee");
    if (assignee == null || assignee.isBlank()) {
      throw new BadRequest("assignee is required");
    }
    final JsonNode override = body.path("allowOverride");
    answer(
        exchange,
        engine.assignUserTask(
            key,
            assignee,
            text(body, "action"),
            override.isMissingNode() || override.isNull() || override.asBoolean(true)));
  }

  private static void answer(final HttpExchange exchange, final UserTaskCommands.Result result)
      throws IOException {
    if (result.accepted()) {
      exchange.sendResponseHeaders(204, -1);
      return;
    }
    problem(exchange, status(result.rejection()), result.rejection().name(), result.reason());
  }

  static int status(final RejectionType rejection) {
    return switch (rejection) {
      case NOT_FOUND -> 404;
      case INVALID_STATE, ALREADY_EXISTS -> 409;
      case INVALID_ARGUMENT -> 400;
      case UNAUTHORIZED -> 401;
      case FORBIDDEN -> 403;
      default -> 500;
    };
  }

  private static ObjectNode view(final OpenUserTask task) {
    final ObjectNode node = JSON.createObjectNode();
    node.put("userTaskKey", Long.toString(task.userTaskKey()));
    node.put("state", task.state());
    node.put("assignee", task.assignee());
    node.put("elementId", task.elementId());
    node.put("elementInstanceKey", Long.toString(task.elementInstanceKey()));
    node.put("processDefinitionId", task.bpmnProcessId());
    node.put("processDefinitionVersion", task.processDefinitionVersion());
    node.put("processDefinitionKey", Long.toString(task.processDefinitionKey()));
    node.put("processInstanceKey", Long.toString(task.processInstanceKey()));
    node.put("formKey", task.formKey() > 0 ? Long.toString(task.formKey()) : null);
    node.putPOJO("candidateGroups", task.candidateGroups());
    node.putPOJO("candidateUsers", task.candidateUsers());
    node.put("dueDate", task.dueDate());
    node.put("followUpDate", task.followUpDate());
    node.put("creationDate", Instant.ofEpochMilli(task.creationTimestamp()).toString());
    node.put("priority", task.priority());
    node.put("tenantId", "<default>");
    node.putPOJO("customHeaders", task.customHeaders());
    return node;
  }

  private static JsonNode body(final HttpExchange exchange) throws IOException {
    final byte[] bytes;
    try (InputStream in = exchange.getRequestBody()) {
      bytes = in.readNBytes(MAX_BODY_BYTES + 1);
    }
    if (bytes.length > MAX_BODY_BYTES) {
      throw new BadRequest("the body is larger than " + MAX_BODY_BYTES + " bytes");
    }
    if (bytes.length == 0) {
      return JSON.createObjectNode();
    }
    final JsonNode body;
    try {
      body = JSON.readTree(bytes);
    } catch (final com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new BadRequest("the body is not JSON: " + e.getOriginalMessage());
    }
    if (body == null || body.isNull()) {
      return JSON.createObjectNode();
    }
    if (!body.isObject()) {
      throw new BadRequest("the body must be a JSON object");
    }
    return body;
  }

  private static String text(final JsonNode body, final String field) {
    final JsonNode value = body.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static void problem(
      final HttpExchange exchange, final int status, final String title, final String detail)
      throws IOException {
    final ObjectNode problem = JSON.createObjectNode();
    problem.put("type", "about:blank");
    problem.put("title", title);
    problem.put("status", status);
    problem.put("detail", detail);
    problem.put("instance", exchange.getRequestURI().getPath());
    send(exchange, status, "application/problem+json", JSON.writeValueAsBytes(problem));
  }

  private static void send(
      final HttpExchange exchange, final int status, final String type, final byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }

  private static final class BadRequest extends RuntimeException {
    BadRequest(final String message) {
      super(message);
    }
  }
}
