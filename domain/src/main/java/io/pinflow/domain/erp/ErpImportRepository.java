package io.pinflow.domain.erp;

import io.pinflow.domain.common.Page;
import io.pinflow.domain.common.PageRequest;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

public interface ErpImportRepository {

  /** Registers a new import as RUNNING; empty when this kind and content is known already. */
  Optional<Long> insert(ErpImport running);

  Optional<ErpImport> find(long importId);

  Optional<ErpImport> find(ImportKind kind, String contentHash);

  /**
   * Takes a FAILED import, or a RUNNING one whose claimant went silent before {@code staleBefore},
   * over for a new run; false when someone else holds it.
   */
  boolean takeOver(long importId, String claimant, Instant staleBefore, Instant at);

  /** Progress of a running import; also proves its claimant is alive. */
  void progress(long importId, int total, int accepted, int rejected, Instant at);

  void finish(
      long importId,
      ErpImport.Status status,
      int total,
      int accepted,
      int rejected,
      String error,
      Instant at);

  /** Adds rejects; a reject of the same record from an earlier run of the import is replaced. */
  void addRejects(Collection<ImportReject> rejects);

  Page<ImportReject> rejects(long importId, PageRequest page);

  /** Open rejects after the given record number, in file order. */
  List<ImportReject> openRejects(long importId, long afterRecord, int limit);

  void resolveRejects(long importId, Collection<Long> recordNos, Instant at);

  int openRejectCount(long importId);

  Page<ErpImport> list(PageRequest page);
}
