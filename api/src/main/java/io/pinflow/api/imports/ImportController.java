package io.pinflow.api.imports;

import io.pinflow.domain.common.Page;
import io.pinflow.domain.common.PageRequest;
import io.pinflow.domain.erp.ErpImport;
import io.pinflow.domain.erp.ErpImports;
import io.pinflow.domain.erp.ImportReject;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** ERP imports: each file or upload with its counts, and the records it rejected, with why. */
@RestController
@RequestMapping("/api/imports")
public class ImportController {

  private final ErpImports imports;

  public ImportController(final ErpImports imports) {
    this.imports = imports;
  }

  @GetMapping
  public Page<ErpImport> list(
      @RequestParam(required = false) final Integer page,
      @RequestParam(required = false) final Integer size) {
    return imports.list(PageRequest.of(page, size));
  }

  @GetMapping("/{importId}")
  public ErpImport get(@PathVariable final long importId) {
    return imports.get(importId);
  }

  @GetMapping("/{importId}/rejects")
  public Page<ImportReject> rejects(
      @PathVariable final long importId,
      @RequestParam(required = false) final Integer page,
      @RequestParam(required = false) final Integer size) {
    return imports.rejects(importId, PageRequest.of(page, size));
  }
}
