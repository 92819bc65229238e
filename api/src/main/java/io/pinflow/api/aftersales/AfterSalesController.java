package io.pinflow.api.aftersales;

import io.pinflow.api.audit.AuditRecord;
import io.pinflow.api.audit.Audited;
import io.pinflow.api.orders.OrderViews.TimelineEntry;
import io.pinflow.api.security.CurrentActor;
import io.pinflow.domain.access.Actor;
import io.pinflow.domain.aftersales.AfterSales;
import io.pinflow.domain.aftersales.AfterSalesCase;
import io.pinflow.domain.aftersales.AfterSalesQuery;
import io.pinflow.domain.aftersales.AfterSalesStatus;
import io.pinflow.domain.aftersales.AfterSalesType;
import io.pinflow.domain.aftersales.NewAfterSales;
import io.pinflow.domain.common.NotFoundException;
import io.pinflow.domain.common.Page;
import io.pinflow.domain.common.PageRequest;
import io.pinflow.domain.timeline.Timeline;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** After-sales cases: intake (idempotent on the case id) and queries within the caller's shops. */
@RestController
@RequestMapping("/api/after-sales")
public class AfterSalesController {

  private final AfterSales afterSales;
  private final Timeline timeline;

  public AfterSalesController(final AfterSales afterSales, final Timeline timeline) {
    this.afterSales = afterSales;
    this.timeline = timeline;
  }

  public record AfterSalesRequest(
      String shopId,
      String afterSalesId,
      String orderSn,
      String type,
      String reason,
      Long refundAmountFen,
      OffsetDateTime expireTime) {}

  public record AfterSalesView(
      String afterSalesId,
      String shopId,
      String orderSn,
      String type,
      String status,
      String source,
      String reason,
      long refundAmountFen,
      Long refundedAmountFen,
      Instant expireTime,
      boolean orderShippedAtIntake,
      String decision,
      String decisionRule,
      String outcome,
      boolean missedDeadline,
      String refusalReason,
      String inspection,
      String replacementTracking,
      Instant openedAt,
      Instant closedAt,
      Instant withdrawnAt) {

    static AfterSalesView of(final AfterSalesCase c) {
      return new AfterSalesView(
          c.afterSalesId(),
          c.shopId(),
          c.orderSn(),
          c.type().name(),
          c.status().name(),
          c.source(),
          c.reason(),
          c.refundAmountFen(),
          c.refundedAmountFen(),
          c.expireTime(),
          c.orderShipped(),
          c.decision(),
          c.decisionRule(),
          c.outcome(),
          c.missedDeadline(),
          c.refusalReason(),
          c.inspection(),
          c.replacementTracking(),
          c.openedAt(),
          c.closedAt(),
          c.withdrawnAt());
    }
  }

  @PostMapping
  @Audited(action = "after-sales.create", target = "AFTERSALE")
  public ResponseEntity<AfterSalesView> open(@RequestBody final AfterSalesRequest request) {
    final Actor actor = CurrentActor.get();
    AuditRecord.current().target(request.afterSalesId(), request.shopId());
    if (request.shopId() != null && !actor.shops().allows(request.shopId())) {
      throw new NotFoundException("shop", request.shopId());
    }
    final var intake =
        afterSales.open(
            actor,
            new NewAfterSales(
                request.shopId(),
                request.afterSalesId(),
                request.orderSn(),
                request.type(),
                request.reason(),
                request.refundAmountFen(),
                request.expireTime() == null ? null : request.expireTime().toInstant()),
            AfterSales.SOURCE_API);
    if (!actor.shops().allows(intake.afterSales().shopId())) {
      throw new NotFoundException("after-sales case", request.afterSalesId());
    }
    AuditRecord.current().detail(intake.created() ? "created" : "repeated: unchanged");
    return ResponseEntity.status(intake.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .body(AfterSalesView.of(intake.afterSales()));
  }

  @GetMapping("/{afterSalesId}")
  public AfterSalesView get(@PathVariable final String afterSalesId) {
    return AfterSalesView.of(afterSales.get(CurrentActor.get(), afterSalesId));
  }

  @GetMapping("/{afterSalesId}/timeline")
  public List<TimelineEntry> timeline(@PathVariable final String afterSalesId) {
    afterSales.get(CurrentActor.get(), afterSalesId);
    return timeline.of(AfterSales.BUSINESS_TYPE, afterSalesId).stream()
        .map(e -> new TimelineEntry(e.at(), e.type(), e.detail(), e.actor()))
        .toList();
  }

  @GetMapping
  public Page<AfterSalesView> list(
      @RequestParam(required = false) final String shopId,
      @RequestParam(required = false) final String orderSn,
      @RequestParam(required = false) final AfterSalesType type,
      @RequestParam(required = false) final AfterSalesStatus status,
      @RequestParam(required = false) final OffsetDateTime from,
      @RequestParam(required = false) final OffsetDateTime to,
      @RequestParam(required = false) final Integer page,
      @RequestParam(required = false) final Integer size) {
    return afterSales
        .list(
            new AfterSalesQuery(
                CurrentActor.get().shops(),
                shopId,
                orderSn,
                type,
                status,
                from == null ? null : from.toInstant(),
                to == null ? null : to.toInstant(),
                PageRequest.of(page, size)))
        .map(AfterSalesView::of);
  }
}
