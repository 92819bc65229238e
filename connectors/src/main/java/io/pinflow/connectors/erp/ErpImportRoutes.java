package io.pinflow.connectors.erp;

import io.pinflow.connectors.erp.ErpImportProcessor.ImportFailedException;
import io.pinflow.connectors.erp.ErpImportProcessor.Summary;
import io.pinflow.connectors.erp.ErpImportProcessor.TooLargeException;
import io.pinflow.connectors.support.ConnectorErrorPolicy;
import io.pinflow.connectors.support.InboundHttp;
import io.pinflow.connectors.support.InboundHttp.MalformedBody;
import io.pinflow.domain.common.ConflictException;
import io.pinflow.domain.erp.ImportKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.model.RouteDefinition;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The ERP's ways in. Files dropped into {@code <inbox>/products} or {@code <inbox>/stock} (CSV or
 * JSON) are read once they have stopped changing, imported, and moved to {@code done/<day>/}; a
 * file that cannot be read at all goes to {@code error/}. A marker file keeps two consumers off the
 * same file; the content hash keeps the same content from being imported twice. The same payloads
 * are accepted over HTTP at {@code POST /integrations/erp/products} and {@code /stock}.
 */
@Component
public class ErpImportRoutes extends RouteBuilder {

  public static final String KIND_HEADER = "pinflowImportKind";
  private static final String TARGET = "pinflowTarget";
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmssSSS");

  private final ErpImportProcessor processor;
  private final InboundHttp inbound;
  private final Path inbox;
  private final boolean filesEnabled;
  private final long pollDelayMillis;
  private final long settleMillis;
  private final long maxUploadBytes;

  public ErpImportRoutes(
      final ErpImportProcessor processor,
      final InboundHttp inbound,
      @Value("${pinflow.erp.inbox:${pinflow.embedded.data-dir:./data}/erp-inbox}") final Path inbox,
      @Value("${pinflow.erp.files.enabled:true}") final boolean filesEnabled,
      @Value("${pinflow.erp.files.poll-delay:PT1S}") final java.time.Duration pollDelay,
      @Value("${pinflow.erp.files.settle:PT2S}") final java.time.Duration settle,
      @Value("${pinflow.erp.max-upload-bytes:536870912}") final long maxUploadBytes) {
    this.processor = processor;
    this.inbound = inbound;
    this.inbox = inbox.toAbsolutePath().normalize();
    this.filesEnabled = filesEnabled;
    this.pollDelayMillis = pollDelay.toMillis();
    this.settleMillis = settle.toMillis();
    this.maxUploadBytes = maxUploadBytes;
  }

  /** The folder files of a kind are dropped into. */
  public Path folder(final ImportKind kind) {
    return inbox.resolve(kind.name().toLowerCase(Locale.ROOT));
  }

  @Override
  public void configure() throws IOException {
    for (final ImportKind kind : ImportKind.values()) {
      final String name = kind.name().toLowerCase(Locale.ROOT);
      Files.createDirectories(folder(kind));
      fileConsumer(this, kind, "erp-" + name + "-files", 1000).autoStartup(filesEnabled);

      from("platform-http:/integrations/erp/" + name + "?httpMethodRestrict=POST")
          .routeId("erp-" + name + "-http")
          .routeConfigurationId(ConnectorErrorPolicy.CALLS)
          .process(
              exchange -> inbound.handleStream(exchange, (ex, body) -> upload(ex, body, kind)));
    }

    from(ErpImportProcessor.REPLAY_REJECTS)
        .routeId("erp-import-replay-rejects")
        .process(
            exchange ->
                exchange
                    .getMessage()
                    .setBody(
                        processor.replayRejects(
                            Long.parseLong(exchange.getMessage().getBody(String.class).strip()))));

    from(ErpImportProcessor.RETRY_FILE).routeId("erp-import-retry-file").process(this::retryFile);
  }

  /**
   * Defines a consumer of a kind's folder on the builder. readLock=changed: a file still being
   * written (its size or time still moving) is not read, and its marker file keeps any other
   * consumer of the folder off it. A file that failed for a passing reason (the database away)
   * stays where it is and is tried again; one that cannot be read at all goes to {@code error/}.
   * Several consumers of one folder (several nodes) are safe; within one application their first
   * polls differ.
   */
  public RouteDefinition fileConsumer(
      final RouteBuilder builder,
      final ImportKind kind,
      final String routeId,
      final long initialDelayMillis) {
    final RouteDefinition route =
        builder
            .from(
                "file:"
                    + folder(kind)
                    + "?include=(?i).*\\.(csv|json)$"
                    + "&readLock=changed&readLockMinAge="
                    + settleMillis
                    + "&readLockCheckInterval=250&readLockTimeout="
                    + Math.max(10_000, settleMillis * 5)
                    + "&initialDelay="
                    + initialDelayMillis
                    + "&delay="
                    + pollDelayMillis
                    + "&maxMessagesPerPoll=5&backoffErrorThreshold=1&backoffMultiplier=10"
                    + "&move=${exchangeProperty."
                    + TARGET
                    + "}")
            .routeId(routeId);
    route.onException(ImportFailedException.class).handled(true).process(this::toError).end();
    route.process(exchange -> importFile(exchange, kind));
    return route;
  }

  private void importFile(final Exchange exchange, final ImportKind kind) throws IOException {
    final GenericFile<?> file = exchange.getMessage().getBody(GenericFile.class);
    final Path path = Path.of(file.getAbsoluteFilePath());
    final String fileName = file.getFileNameOnly();
    processor.importFile(
        path,
        kind,
        "FILE",
        fileName,
        ErpImportProcessor.format(fileName, null),
        ErpImportProcessor.sha256(path),
        "erp-inbox");
    exchange.setProperty(
        TARGET,
        "done/"
            + LocalDateTime.now(ZoneOffset.UTC).format(STAMP).substring(0, 8)
            + "/"
            + stamped(fileName));
  }

  private void toError(final Exchange exchange) {
    final GenericFile<?> file = exchange.getMessage().getBody(GenericFile.class);
    exchange.setProperty(TARGET, "error/" + file.getFileNameOnly());
  }

  private static String stamped(final String fileName) {
    final int dot = fileName.lastIndexOf('.');
    final String stamp = LocalDateTime.now(ZoneOffset.UTC).format(STAMP).substring(9);
    return dot < 0
        ? fileName + "-" + stamp
        : fileName.substring(0, dot) + "-" + stamp + fileName.substring(dot);
  }

  private Object upload(final Exchange exchange, final InputStream body, final ImportKind kind)
      throws IOException {
    final String contentType = exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class);
    final String format = ErpImportProcessor.format(null, contentType);
    if ("unknown".equals(format)) {
      throw new MalformedBody("send the file as text/csv or application/json");
    }
    final Path uploads = inbox.resolve(".uploads");
    Files.createDirectories(uploads);
    final Path spooled = Files.createTempFile(uploads, "upload-", "." + format);
    try {
      final String hash;
      try {
        hash = ErpImportProcessor.spool(body, spooled, maxUploadBytes);
      } catch (final TooLargeException e) {
        throw new MalformedBody(e.getMessage());
      }
      if (Files.size(spooled) == 0) {
        throw new MalformedBody("the body is empty");
      }
      final Summary summary =
          processor.importFile(
              spooled,
              kind,
              "HTTP",
              "upload-" + LocalDateTime.now(ZoneOffset.UTC).format(STAMP) + "." + format,
              format,
              hash,
              inbound.actor(exchange).name());
      exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, summary.duplicate() ? 200 : 201);
      return summary;
    } catch (final ImportFailedException e) {
      throw new MalformedBody(
          "import " + e.summary().importId() + " failed: " + e.summary().error());
    } finally {
      Files.deleteIfExists(spooled);
    }
  }

  private void retryFile(final Exchange exchange) throws IOException {
    final ImportKind kind =
        ImportKind.valueOf(exchange.getMessage().getHeader(KIND_HEADER, String.class));
    final String fileName = exchange.getMessage().getBody(String.class).strip();
    final Path failed = folder(kind).resolve("error").resolve(fileName).normalize();
    if (!failed.startsWith(folder(kind)) || !Files.isRegularFile(failed)) {
      throw new ConflictException(
          "file-gone", fileName + " is no longer in " + folder(kind).resolve("error"));
    }
    Files.move(failed, folder(kind).resolve(fileName), StandardCopyOption.REPLACE_EXISTING);
  }
}
