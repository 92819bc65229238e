package io.pinflow.connectors.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinflow.connectors.wms.DeliveryOrder;
import io.pinflow.connectors.wms.WmsOutboundRoutes;
import io.pinflow.connectors.wms.WmsOutcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.core.env.StandardEnvironment;

/**
 * The calls-out policy on a real route and real HTTP: an answered request is sent once, a 5xx is
 * not sent again by the HTTP client (whatever its {@code Retry-After}), and a connection that could
 * not be made is tried again before the caller hears of it.
 */
class ConnectorCallRedeliveryTest {

  private static final DeliveryOrder ORDER =
      new DeliveryOrder(
          "261124-000000000000001",
          null,
          "shop-a",
          "2026-11-26T10:00:00Z",
          List.of(new DeliveryOrder.Line("SKU-1", 1)),
          "张*",
          "138****0000",
          "上海市****");

  /** What the test WMS does with a request once it has read it. */
  private enum Answer {
    CREATED,
    UNAVAILABLE
  }

  private final AtomicInteger requests = new AtomicInteger();
  private volatile Answer answer = Answer.CREATED;
  private ServerSocket server;
  private Thread serving;
  private CamelContext camel;
  private ProducerTemplate producer;

  @BeforeEach
  void start() throws Exception {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    serving = Thread.ofVirtual().start(this::serve);
    camel = startCamel("http://127.0.0.1:" + server.getLocalPort());
    producer = camel.createProducerTemplate();
  }

  @AfterEach
  void stop() throws Exception {
    camel.stop();
    server.close();
    serving.join(2_000);
  }

  private static CamelContext startCamel(final String wmsBase) throws Exception {
    final CamelContext context = new DefaultCamelContext();
    context.addRoutes(new ConnectorErrorPolicy(2));
    context.addRoutes(
        new WmsOutboundRoutes(
            new ConnectorEndpoints(new StandardEnvironment(), "", wmsBase), "", 1_000));
    context.start();
    return context;
  }

  private void serve() {
    while (!server.isClosed()) {
      try (Socket socket = server.accept()) {
        readRequest(socket.getInputStream());
        requests.incrementAndGet();
        final OutputStream out = socket.getOutputStream();
        switch (answer) {
          case CREATED -> respond(out, "201 Created", "{\"wmsOrderId\":\"WMS-1\"}");
          case UNAVAILABLE ->
              respond(out, "503 Service Unavailable\r\nRetry-After: 600", "{\"detail\":\"busy\"}");
        }
      } catch (final IOException closed) {
        // the test is over, or the client went away
      }
    }
  }

  private static void readRequest(final InputStream in) throws IOException {
    final ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      final int b = in.read();
      if (b < 0) {
        throw new IOException("request ended early");
      }
      head.write(b);
    }
    final String headers = head.toString(StandardCharsets.ISO_8859_1).toLowerCase();
    final int at = headers.indexOf("content-length:");
    if (at >= 0) {
      final int length =
          Integer.parseInt(headers.substring(at + 15, headers.indexOf("\r\n", at)).strip());
      in.readNBytes(length);
    }
  }

  private static void respond(final OutputStream out, final String status, final String body)
      throws IOException {
    final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    out.write(
        ("HTTP/1.1 "
                + status
                + "\r\nContent-Type: application/json\r\nContent-Length: "
                + bytes.length
                + "\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
    out.write(bytes);
    out.flush();
  }

  private Exchange create() {
    return producer.send(WmsOutboundRoutes.CREATE, e -> e.getMessage().setBody(ORDER));
  }

  @Test
  void anAnsweredRequestIsSentOnce() {
    final Exchange done = create();

    assertThat(done.getException()).isNull();
    assertThat(done.getMessage().getBody(WmsOutcome.class).result())
        .isEqualTo(WmsOutcome.Result.ACCEPTED);
    assertThat(requests).hasValue(1);
  }

  @Test
  @Timeout(30)
  void aServerErrorIsNotSentAgainByTheHttpClientWhateverItsRetryAfter() {
    answer = Answer.UNAVAILABLE;

    final Exchange failed = create();

    assertThat(failed.getException()).isInstanceOf(IOException.class).hasMessageContaining("503");
    assertThat(requests).hasValue(1);
  }

  @Test
  void aConnectionThatCannotBeMadeIsTriedAgainBeforeTheCallerHearsOfIt() throws Exception {
    final int closedPort;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = probe.getLocalPort();
    }
    final CamelContext unreachable = startCamel("http://127.0.0.1:" + closedPort);
    try {
      final Exchange failed =
          unreachable
              .createProducerTemplate()
              .send(WmsOutboundRoutes.CREATE, e -> e.getMessage().setBody(ORDER));

      assertThat(failed.getException()).isInstanceOf(ConnectException.class);
      assertThat(failed.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, Integer.class))
          .isEqualTo(2);
    } finally {
      unreachable.stop();
    }
  }
}
