package io.pinflow.api.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The benchmark's HTTP client: HTTP/1.1 to the application as {@code admin}, JSON in and out. Its
 * own threads are named {@code benchmark-http-…} so that their CPU time can be told apart from the
 * application's.
 */
final class Http implements AutoCloseable {

  static final ObjectMapper JSON = new ObjectMapper();

  private final String base;
  private final String authorization =
      "Basic "
          + Base64.getEncoder()
              .encodeToString(
                  ("admin:" + PinflowUnderTest.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
  private final ExecutorService executor;
  private final HttpClient client;

  /** An answer: status, raw body, and how long the call took. */
  record Answer(int status, String body, long nanos) {

    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (final IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }

    Answer expect(final int... statuses) {
      for (final int expected : statuses) {
        if (status == expected) {
          return this;
        }
      }
      throw new IllegalStateException("HTTP " + status + ": " + body);
    }
  }

  Http(final String base) {
    this.base = base;
    final AtomicInteger threads = new AtomicInteger();
    this.executor =
        Executors.newCachedThreadPool(
            runnable -> {
              final Thread thread =
                  new Thread(runnable, "benchmark-http-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .executor(executor)
            .build();
  }

  String base() {
    return base;
  }

  Answer get(final String path) {
    return send(request(path).GET().build());
  }

  /** A GET without credentials (the open health endpoint). */
  Answer getAnonymous(final String path) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofMinutes(5))
            .GET()
            .build());
  }

  Answer post(final String path, final Object body) {
    try {
      return send(
          request(path)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
              .build());
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Uploads a file as the body with its content type (the ERP endpoints). */
  Answer upload(final String path, final Path file, final String contentType) {
    try {
      return send(
          request(path)
              .header("Content-Type", contentType)
              .POST(HttpRequest.BodyPublishers.ofFile(file))
              .build());
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private HttpRequest.Builder request(final String path) {
    return HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofMinutes(5))
        .header("Accept", "application/json")
        .header("Authorization", authorization);
  }

  private Answer send(final HttpRequest request) {
    final long begin = System.nanoTime();
    try {
      final HttpResponse<String> response =
          client.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body(), System.nanoTime() - begin);
    } catch (final IOException e) {
      throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  @Override
  public void close() {
    client.close();
    executor.shutdownNow();
  }
}
