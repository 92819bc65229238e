package io.pinflow.connectors.erp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinflow.connectors.support.DeadLetters;
import io.pinflow.domain.erp.ErpImport;
import io.pinflow.domain.erp.ErpImports;
import io.pinflow.domain.erp.ErpImports.Arrival;
import io.pinflow.domain.erp.ErpImports.Claim;
import io.pinflow.domain.erp.ErpImports.Outcome;
import io.pinflow.domain.erp.ImportKind;
import io.pinflow.domain.erp.ImportReject;
import io.pinflow.domain.erp.SourceRecord;
import io.pinflow.domain.incident.Incident;
import io.pinflow.domain.incident.Incidents;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Imports one ERP file: identified by its content, claimed once, read as a stream in batches (each
 * batch commits with its rejects), finished with its counts. Rejected records, and files that could
 * not be read at all, become incidents whose retry replays them.
 */
@Component
public class ErpImportProcessor {

  /** Route that applies an import's open rejects again (incident retry). */
  public static final String REPLAY_REJECTS = "direct:erp-import-replay-rejects";

  /** Route that puts a failed file back into its inbox (incident retry). */
  public static final String RETRY_FILE = "direct:erp-import-retry-file";

  private static final Logger LOG = LoggerFactory.getLogger(ErpImportProcessor.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<ImportKind, Set<String>> REQUIRED_COLUMNS =
      Map.of(
          ImportKind.PRODUCTS, Set.of("outergoodsid", "outerskuid", "title"),
          ImportKind.STOCK, Set.of("outerskuid", "onhand"));

  private final ErpImports imports;
  private final Incidents incidents;
  private final Clock clock;
  private final int batchSize;
  private final String node;

  /** What an import did, as the HTTP endpoint answers and the logs tell. */
  public record Summary(
      long importId,
      String kind,
      String status,
      boolean duplicate,
      String fileName,
      int recordsTotal,
      int recordsAccepted,
      int recordsRejected,
      List<Map<String, Object>> rejects,
      String error) {

    static Summary of(final ErpImport i, final boolean duplicate, final List<ImportReject> first) {
      return new Summary(
          i.importId(),
          i.kind().name(),
          i.status().name(),
          duplicate,
          i.fileName(),
          i.recordsTotal(),
          i.recordsAccepted(),
          i.recordsRejected(),
          first.stream()
              .map(
                  r ->
                      Map.<String, Object>of(
                          "record", r.recordNo(), "line", r.line(), "reason", r.reason()))
              .toList(),
          i.error());
    }
  }

  /** The file could not be imported as a whole; the import is recorded as FAILED. */
  public static final class ImportFailedException extends RuntimeException {
    private final transient Summary summary;

    ImportFailedException(final Summary summary, final Throwable cause) {
      super(summary.error(), cause);
      this.summary = summary;
    }

    public Summary summary() {
      return summary;
    }
  }

  public ErpImportProcessor(
      final ErpImports imports,
      final Incidents incidents,
      final Clock clock,
      @Value("${pinflow.erp.batch-size:500}") final int batchSize,
      @Value("${HOSTNAME:pinflow}") final String host) {
    this.imports = imports;
    this.incidents = incidents;
    this.clock = clock;
    this.batchSize = Math.max(1, batchSize);
    this.node = host + "/" + ProcessHandle.current().pid();
  }

  /** The format a file name or content type stands for: csv or json. */
  public static String format(final String fileName, final String contentType) {
    final String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
    if (name.endsWith(".json")
        || (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json"))) {
      return "json";
    }
    if (name.endsWith(".csv")
        || (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("csv"))) {
      return "csv";
    }
    return "unknown";
  }

  /** SHA-256 of a file's content, read as a stream. */
  public static String sha256(final Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      final MessageDigest digest = MessageDigest.getInstance("SHA-256");
      final byte[] buffer = new byte[64 * 1024];
      int read;
      while ((read = in.read(buffer)) > 0) {
        digest.update(buffer, 0, read);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (final NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Copies a stream to a file, returning its SHA-256; refuses more than {@code maxBytes} (the file
   * is left for the caller to delete).
   */
  public static String spool(final InputStream in, final Path file, final long maxBytes)
      throws IOException {
    try {
      final MessageDigest digest = MessageDigest.getInstance("SHA-256");
      try (InputStream digesting = new DigestInputStream(in, digest);
          var out = Files.newOutputStream(file)) {
        final byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int read;
        while ((read = digesting.read(buffer)) > 0) {
          total += read;
          if (total > maxBytes) {
            throw new TooLargeException(maxBytes);
          }
          out.write(buffer, 0, read);
        }
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (final NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An upload beyond the configured size. */
  public static final class TooLargeException extends IOException {
    TooLargeException(final long maxBytes) {
      super("the upload is larger than " + maxBytes + " bytes");
    }
  }

  /**
   * Imports the file: a new import, or the summary of the earlier import of the same content.
   *
   * @throws ImportFailedException when the file as a whole cannot be read
   */
  public Summary importFile(
      final Path file,
      final ImportKind kind,
      final String source,
      final String fileName,
      final String format,
      final String contentHash,
      final String receivedBy)
      throws IOException {
    final Claim claim =
        imports.claim(
            new Arrival(kind, contentHash, source, fileName, format, Files.size(file), receivedBy),
            node);
    if (claim.outcome() != Outcome.NEW) {
      final ErpImport known = claim.erpImport();
      LOG.info(
          "{} {}: same content as import {} ({}, {}); nothing to do",
          kind,
          fileName,
          known.importId(),
          known.fileName(),
          claim.outcome() == Outcome.BUSY ? "being read by " + known.claimedBy() : "done");
      return Summary.of(known, true, imports.rejects(known.importId(), firstPage()).items());
    }
    final ErpImport running = claim.erpImport();
    int total = 0;
    int accepted = 0;
    int rejected = 0;
    try (InputStream in = Files.newInputStream(file);
        RecordReader reader = RecordReader.open(in, format)) {
      checkColumns(kind, reader.columns());
      final List<SourceRecord> batch = new ArrayList<>(batchSize);
      while (reader.hasNext()) {
        batch.add(reader.next());
        if (batch.size() == batchSize || !reader.hasNext()) {
          final var result = imports.apply(running, batch, total, accepted, rejected);
          total += batch.size();
          accepted += result.accepted();
          rejected += result.rejected().size();
          batch.clear();
        }
      }
    } catch (final RecordReader.UnreadableFileException | UncheckedIOException | IOException e) {
      final String why =
          e instanceof UncheckedIOException u ? u.getCause().getMessage() : e.getMessage();
      final ErpImport failed =
          imports.fail(
              running.importId(),
              total,
              accepted,
              rejected,
              fileName + ": " + why + " (after " + total + " record(s))");
      if ("FILE".equals(source)) {
        // an upload's caller hears it at once; a dropped file needs someone to look
        recordIncident(failed, "ImportFailed", failed.error(), RETRY_FILE, fileName);
      }
      LOG.warn("Import {} of {} failed: {}", failed.importId(), fileName, failed.error());
      throw new ImportFailedException(
          Summary.of(failed, false, imports.rejects(failed.importId(), firstPage()).items()), e);
    }
    final ErpImport done = imports.finish(running.importId(), total, accepted, rejected);
    if (rejected > 0) {
      recordIncident(
          done,
          "RecordsRejected",
          rejected
              + " of "
              + total
              + " record(s) of "
              + fileName
              + " rejected; see /api/imports/"
              + done.importId()
              + "/rejects. Retry replays them once their cause is fixed.",
          REPLAY_REJECTS,
          Long.toString(done.importId()));
    }
    LOG.info(
        "Import {} of {} ({}): {} record(s), {} taken, {} rejected",
        done.importId(),
        fileName,
        kind,
        total,
        accepted,
        rejected);
    return Summary.of(done, false, imports.rejects(done.importId(), firstPage()).items());
  }

  /** Replays an import's open rejects; a new incident tells what is still rejected. */
  public int replayRejects(final long importId) {
    final int open = imports.replayRejects(importId);
    final ErpImport erpImport = imports.get(importId);
    if (open > 0) {
      recordIncident(
          erpImport,
          "RecordsRejected",
          open + " record(s) of " + erpImport.fileName() + " still rejected after the replay",
          REPLAY_REJECTS,
          Long.toString(importId));
    }
    LOG.info("Import {}: replayed its rejects, {} still open", importId, open);
    return open;
  }

  private static void checkColumns(final ImportKind kind, final List<String> columns) {
    if (columns.isEmpty()) {
      return;
    }
    final Set<String> present =
        columns.stream()
            .map(c -> c.toLowerCase(Locale.ROOT))
            .collect(java.util.stream.Collectors.toSet());
    final List<String> missing =
        REQUIRED_COLUMNS.get(kind).stream().filter(c -> !present.contains(c)).sorted().toList();
    if (!missing.isEmpty()) {
      throw new RecordReader.UnreadableFileException(
          "the header lacks column(s) " + missing + " (case does not matter)");
    }
  }

  private void recordIncident(
      final ErpImport erpImport,
      final String errorType,
      final String message,
      final String replayEndpoint,
      final String payload) {
    final String headers;
    try {
      headers =
          JSON.writeValueAsString(
              Map.of(
                  DeadLetters.REPLAY_ENDPOINT,
                  replayEndpoint,
                  ErpImportRoutes.KIND_HEADER,
                  erpImport.kind().name()));
    } catch (final JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    incidents.recordDeadLetter(
        Incident.deadLetter(
            "erp-import",
            "import:" + erpImport.importId(),
            null,
            errorType,
            message,
            payload,
            headers,
            clock.instant()));
  }

  private static io.pinflow.domain.common.PageRequest firstPage() {
    return new io.pinflow.domain.common.PageRequest(0, 20);
  }
}
