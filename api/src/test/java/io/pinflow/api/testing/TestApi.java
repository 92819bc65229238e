package io.pinflow.api.testing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.awaitility.Awaitility;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Calls the running application over HTTP as a given caller, and creates the callers the tests need
 * (one user per built-in role, all shops) through the API itself.
 */
@Component
public class TestApi {

  public static final String ADMIN_PASSWORD = "test-admin-password";

  /** Decimals stay as written ("50.00"), as integrations read them. */
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

  private final TestRestTemplate rest;
  private final Map<String, Caller> users = new ConcurrentHashMap<>();

  public TestApi(final TestRestTemplate rest) {
    this.rest = rest;
  }

  /** A caller: HTTP Basic user, API key, or nobody. */
  public record Caller(String username, String password, String apiKey) {

    public static Caller anonymous() {
      return new Caller(null, null, null);
    }

    public static Caller key(final String key) {
      return new Caller(null, null, key);
    }

    public static Caller user(final String username, final String password) {
      return new Caller(username, password, null);
    }

    void apply(final HttpHeaders headers) {
      if (apiKey != null) {
        headers.set("X-Api-Key", apiKey);
      } else if (username != null) {
        headers.setBasicAuth(username, password);
      }
    }
  }

  /** An HTTP answer with its body parsed as JSON (null when empty or not JSON). */
  public record Answer(int status, JsonNode body, HttpHeaders headers, String raw) {}

  public Caller admin() {
    return Caller.user("admin", ADMIN_PASSWORD);
  }

  /** A user holding exactly {@code role} for all shops, created on first use. */
  public Caller userWithRole(final String role) {
    return users.computeIfAbsent(
        role, r -> ensureUser("t-" + r.toLowerCase().replace('_', '-'), List.of(r), List.of("*")));
  }

  /** Creates the user unless it exists; the password is derived from the name. */
  public Caller ensureUser(
      final String username, final List<String> roles, final List<String> shops) {
    final String password = "pw-" + username + "-0123456789";
    final Answer created =
        call(
            HttpMethod.POST,
            "/api/users",
            Map.of("username", username, "password", password, "roles", roles, "shops", shops),
            admin());
    if (created.status() == 409) {
      final Answer updated =
          call(
              HttpMethod.PUT,
              "/api/users/" + username,
              Map.of("password", password, "roles", roles, "shops", shops, "enabled", true),
              admin());
      if (updated.status() != 200) {
        throw new IllegalStateException("cannot reset user " + username + ": " + updated.raw());
      }
    } else if (created.status() != 201) {
      throw new IllegalStateException("cannot create user " + username + ": " + created.raw());
    }
    return Caller.user(username, password);
  }

  /** Registers the shop unless it exists. */
  public String ensureShop(final String shopId) {
    final Answer created =
        post("/api/shops", Map.of("shopId", shopId, "name", "Shop " + shopId), admin());
    if (created.status() != 201 && created.status() != 409) {
      throw new IllegalStateException("cannot create shop " + shopId + ": " + created.raw());
    }
    return shopId;
  }

  /** A form POST (the PDD router's format), answered in JSON. */
  public JsonNode form(
      final String path, final org.springframework.util.MultiValueMap<String, String> params) {
    final var headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    return parse(
        rest.postForEntity(path, new HttpEntity<>(params, headers), String.class).getBody());
  }

  /** A POST of a raw body with its own content type (file uploads). */
  public Answer upload(
      final String path, final String body, final MediaType contentType, final Caller caller) {
    final var headers = new HttpHeaders();
    headers.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
    headers.setContentType(contentType);
    caller.apply(headers);
    final ResponseEntity<String> response =
        rest.exchange(
            path,
            HttpMethod.POST,
            new HttpEntity<>(body.getBytes(java.nio.charset.StandardCharsets.UTF_8), headers),
            String.class);
    return new Answer(
        response.getStatusCode().value(),
        parse(response.getBody()),
        response.getHeaders(),
        response.getBody());
  }

  public Answer get(final String path, final Caller caller) {
    return call(HttpMethod.GET, path, null, caller);
  }

  public Answer post(final String path, final Object body, final Caller caller) {
    return call(HttpMethod.POST, path, body, caller);
  }

  /** A POST with extra request headers, such as {@code Idempotency-Key}. */
  public Answer post(
      final String path,
      final Object body,
      final Caller caller,
      final Map<String, String> extraHeaders) {
    return exchange(HttpMethod.POST, path, body, caller, MediaType.APPLICATION_JSON, extraHeaders);
  }

  public Answer call(
      final HttpMethod method, final String path, final Object body, final Caller caller) {
    return exchange(method, path, body, caller, MediaType.APPLICATION_JSON);
  }

  public Answer exchange(
      final HttpMethod method,
      final String path,
      final Object body,
      final Caller caller,
      final MediaType accept) {
    return exchange(method, path, body, caller, accept, Map.of());
  }

  private Answer exchange(
      final HttpMethod method,
      final String path,
      final Object body,
      final Caller caller,
      final MediaType accept,
      final Map<String, String> extraHeaders) {
    final var headers = new HttpHeaders();
    extraHeaders.forEach(headers::add);
    headers.setAccept(List.of(accept, MediaType.APPLICATION_PROBLEM_JSON, MediaType.ALL));
    caller.apply(headers);
    final Object payload;
    if (body instanceof String raw) {
      headers.setContentType(MediaType.APPLICATION_JSON);
      payload = raw;
    } else if (body != null) {
      headers.setContentType(MediaType.APPLICATION_JSON);
      payload = body;
    } else {
      payload = null;
    }
    final ResponseEntity<String> response =
        rest.exchange(path, method, new HttpEntity<>(payload, headers), String.class);
    return new Answer(
        response.getStatusCode().value(),
        parse(response.getBody()),
        response.getHeaders(),
        response.getBody());
  }

  private static JsonNode parse(final String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      return JSON.readTree(body);
    } catch (final Exception notJson) {
      return null;
    }
  }

  /**
   * Waits until the caller's inbox holds exactly one task of the business key, named {@code name},
   * and returns it in full (with its form).
   */
  public JsonNode awaitTask(final Caller caller, final String businessKey, final String name) {
    final JsonNode listed =
        Awaitility.await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> get("/api/tasks?businessKey=" + businessKey, caller).body().path("items"),
                items -> items.size() == 1 && items.get(0).path("name").asText().equals(name))
            .get(0);
    return get("/api/tasks/" + listed.path("taskId").asText(), caller).body();
  }
}
