package io.pinflow.domain.aftersales;

import io.pinflow.domain.access.Actor;
import io.pinflow.domain.common.ConflictException;
import io.pinflow.domain.common.NotFoundException;
import io.pinflow.domain.common.Page;
import io.pinflow.domain.common.ValidationException;
import io.pinflow.domain.common.ValidationException.FieldError;
import io.pinflow.domain.order.Order;
import io.pinflow.domain.order.OrderLine;
import io.pinflow.domain.order.OrderRepository;
import io.pinflow.domain.order.OrderStatus;
import io.pinflow.domain.outbox.MessageNames;
import io.pinflow.domain.outbox.Outbox;
import io.pinflow.domain.outbox.OutboxMessage;
import io.pinflow.domain.stock.Reservation;
import io.pinflow.domain.stock.StockDemand;
import io.pinflow.domain.stock.StockLedger;
import io.pinflow.domain.stock.StockOwner;
import io.pinflow.domain.timeline.Timeline;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * After-sales cases: intake (idempotent per case id), the steps of the refund-return process, and
 * queries within the caller's shops. Every step lands on the case's and its order's timeline.
 */
public class AfterSales {

  public static final String BUSINESS_TYPE = "AFTERSALE";
  public static final String SOURCE_API = "API";
  public static final String SOURCE_PDD = "PDD_SYNC";
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
  private static final Duration BUYER_HISTORY = Duration.ofDays(90);

  private final AfterSalesRepository cases;
  private final OrderRepository orders;
  private final StockLedger stock;
  private final Timeline timeline;
  private final Outbox outbox;
  private final Settings settings;
  private final Clock clock;

  /** Deadlines of after-sales handling; from configuration. */
  public record Settings(
      Duration defaultExpiry,
      Duration reviewLead,
      Duration returnWindow,
      Duration messageTimeToLive) {}

  public record Intake(AfterSalesCase afterSales, boolean created) {}

  public AfterSales(
      final AfterSalesRepository cases,
      final OrderRepository orders,
      final StockLedger stock,
      final Timeline timeline,
      final Outbox outbox,
      final Settings settings,
      final Clock clock) {
    this.cases = cases;
    this.orders = orders;
    this.stock = stock;
    this.timeline = timeline;
    this.outbox = outbox;
    this.settings = settings;
    this.clock = clock;
  }

  public Settings settings() {
    return settings;
  }

  // ---- intake

  /**
   * Takes a case in: checked against its order, stored, and its process started through the outbox.
   * The same case id again returns the stored case and starts nothing.
   */
  @Transactional
  public Intake open(final Actor actor, final NewAfterSales request, final String source) {
    final var existing =
        request.afterSalesId() == null ? null : cases.find(request.afterSalesId()).orElse(null);
    if (existing != null) {
      if (request.shopId() != null && !existing.shopId().equals(request.shopId())) {
        throw new ConflictException(
            "after-sales-other-shop",
            "after-sales " + existing.afterSalesId() + " exists in another shop");
      }
      return new Intake(existing, false);
    }
    final List<FieldError> errors = new ArrayList<>();
    if (request.afterSalesId() == null || !ID.matcher(request.afterSalesId()).matches()) {
      errors.add(new FieldError("afterSalesId", "1-64 letters, digits or ._:-"));
    }
    final AfterSalesType type = AfterSalesType.parse(request.type()).orElse(null);
    if (type == null) {
      errors.add(new FieldError("type", "one of REFUND_ONLY, RETURN_REFUND, EXCHANGE, RESEND"));
    }
    if (request.reason() == null || request.reason().isBlank() || request.reason().length() > 200) {
      errors.add(new FieldError("reason", "required, at most 200 characters"));
    }
    final Order order =
        request.orderSn() == null
            ? null
            : orders
                .find(request.orderSn())
                .filter(o -> actor.shops().allows(o.shopId()))
                .orElse(null);
    if (order == null) {
      errors.add(new FieldError("orderSn", "unknown order"));
    } else if (request.shopId() != null && !order.shopId().equals(request.shopId())) {
      errors.add(new FieldError("shopId", "the order belongs to another shop"));
    }
    final long amount = request.refundAmountFen() == null ? -1 : request.refundAmountFen();
    if (amount < 0) {
      errors.add(new FieldError("refundAmountFen", "required, 0 or more"));
    } else if (order != null && amount > order.payAmountFen()) {
      errors.add(
          new FieldError(
              "refundAmountFen", "at most the order's paid amount, " + order.payAmountFen()));
    }
    if (order != null
        && order.status() == OrderStatus.CANCELLED
        && type != AfterSalesType.REFUND_ONLY) {
      errors.add(new FieldError("type", "the order was cancelled; only a refund is possible"));
    }
    final Instant now = clock.instant();
    final Instant expire =
        request.expireTime() != null ? request.expireTime() : now.plus(settings.defaultExpiry());
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    final boolean shipped =
        !order.status().isBeforeShipment() && order.status() != OrderStatus.CANCELLED;
    final int recent =
        cases.recentCasesOfBuyer(order.shopId(), order.orderSn(), now.minus(BUYER_HISTORY));
    final var afterSales =
        new AfterSalesCase(
            request.afterSalesId(),
            order.shopId(),
            order.orderSn(),
            type,
            AfterSalesStatus.OPEN,
            source,
            request.reason().strip(),
            amount,
            null,
            expire,
            shipped,
            recent,
            null,
            null,
            null,
            false,
            null,
            null,
            null,
            now,
            null,
            null,
            now,
            0);
    if (!cases.insert(afterSales)) {
      return new Intake(cases.find(request.afterSalesId()).orElseThrow(), false);
    }
    record(
        afterSales,
        "AFTER_SALES_OPENED",
        type + " of " + amount + " fen: " + afterSales.reason(),
        actor.name());
    outbox.add(
        new OutboxMessage(
            MessageNames.AFTER_SALES_OPENED,
            afterSales.afterSalesId(),
            MessageNames.AFTER_SALES_OPENED + ":" + afterSales.afterSalesId(),
            processVariables(afterSales),
            settings.messageTimeToLive()));
    return new Intake(afterSales, true);
  }

  /** What the refund-return process starts with. */
  public Map<String, Object> processVariables(final AfterSalesCase c) {
    final Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("afterSalesId", c.afterSalesId());
    variables.put("businessKey", c.afterSalesId());
    variables.put("shopId", c.shopId());
    variables.put("orderSn", c.orderSn());
    variables.put("type", c.type().name());
    variables.put("reason", c.reason());
    variables.put("refundAmountFen", c.refundAmountFen());
    variables.put("orderShipped", c.orderShipped());
    variables.put("buyerRecentCases", c.buyerRecentCases());
    variables.put("expireTime", c.expireTime().toString());
    final Instant due = c.expireTime().minus(settings.reviewLead());
    variables.put("reviewDueAt", (due.isBefore(c.openedAt()) ? c.expireTime() : due).toString());
    variables.put("returnWindow", settings.returnWindow().toString());
    return variables;
  }

  /**
   * The buyer withdrew the request (platform): noted on the case, once, and the case's process is
   * told, which closes it. The note lets a case whose process is started again close as well.
   */
  @Transactional
  public void withdrawn(final String afterSalesId) {
    if (!cases.markWithdrawn(afterSalesId, clock.instant())) {
      return;
    }
    record(find(afterSalesId), "WITHDRAWN_BY_BUYER", "on the platform", "pdd");
    outbox.add(
        new OutboxMessage(
            MessageNames.AFTER_SALES_WITHDRAWN,
            afterSalesId,
            MessageNames.AFTER_SALES_WITHDRAWN + ":" + afterSalesId,
            Map.of(),
            settings.messageTimeToLive()));
  }

  // ---- queries

  public AfterSalesCase get(final Actor actor, final String afterSalesId) {
    return cases
        .find(afterSalesId)
        .filter(c -> actor.shops().allows(c.shopId()))
        .orElseThrow(() -> new NotFoundException("after-sales case", afterSalesId));
  }

  public AfterSalesCase find(final String afterSalesId) {
    return cases
        .find(afterSalesId)
        .orElseThrow(() -> new NotFoundException("after-sales case", afterSalesId));
  }

  public Page<AfterSalesCase> list(final AfterSalesQuery query) {
    return cases.list(query);
  }

  /** Ids of the cases not closed yet (sample history aside). */
  public List<String> unfinished() {
    return cases.unfinished();
  }

  // ---- steps of the refund-return process

  public void recordDecision(final String afterSalesId, final String decision, final String rule) {
    cases.recordDecision(afterSalesId, decision, rule, clock.instant());
    record(
        find(afterSalesId),
        "AFTER_SALES_DECISION",
        decision + (rule == null ? "" : " (" + rule + ")"),
        "decision table");
  }

  /** Nobody decided by the platform's deadline: the platform agreed on the merchant's behalf. */
  public void recordMissedDeadline(final String afterSalesId) {
    cases.markMissedDeadline(afterSalesId, clock.instant());
    record(
        find(afterSalesId),
        "AFTER_SALES_DEADLINE_MISSED",
        "no decision by the deadline: the platform agreed",
        "pdd");
  }

  /** Whether the order has left the warehouse, now. */
  public boolean orderShipped(final String orderSn) {
    final Order order =
        orders.find(orderSn).orElseThrow(() -> new NotFoundException("order", orderSn));
    return !order.status().isBeforeShipment() && order.status() != OrderStatus.CANCELLED;
  }

  public void returnAgreed(final String afterSalesId, final String detail) {
    if (cases.moveTo(afterSalesId, AfterSalesStatus.AWAITING_RETURN, clock.instant())) {
      record(find(afterSalesId), "RETURN_AGREED", detail, "pinflow");
    }
  }

  /**
   * The return parcel arrived with its inspection: INSPECTING. Once the case is past waiting for
   * the parcel a repeated or late report changes nothing (a restocked return stays restocked).
   */
  @Transactional
  public void returnReceived(final String afterSalesId, final String inspection) {
    if (cases.recordReturn(afterSalesId, inspection, clock.instant())) {
      record(find(afterSalesId), "RETURN_RECEIVED", "inspection " + inspection, "wms");
    }
  }

  /**
   * Puts a return that passed inspection back into stock, once: the case is marked restocked first,
   * under its row lock, so a second caller (a redelivered job, a re-driven instance) finds it
   * marked and puts nothing back.
   */
  @Transactional
  public void restock(final String afterSalesId) {
    if (!cases.markRestocked(afterSalesId, clock.instant())) {
      return;
    }
    final AfterSalesCase c = find(afterSalesId);
    final Order order = orders.find(c.orderSn()).orElseThrow();
    for (final OrderLine line : order.lines()) {
      stock.restock(line.outerSkuId(), line.quantity());
    }
    record(c, "RESTOCKED", order.lines().size() + " line(s) back in stock", "pinflow");
  }

  public void refunded(final String afterSalesId, final long amountFen, final String detail) {
    if (cases.close(
        afterSalesId, AfterSalesStatus.REFUNDED, "REFUNDED", amountFen, null, clock.instant())) {
      record(find(afterSalesId), "REFUNDED", amountFen + " fen, " + detail, "pinflow");
    }
  }

  public void rejected(final String afterSalesId, final String reason, final String actor) {
    final String why = reason == null || reason.isBlank() ? "refused" : reason;
    if (cases.close(
        afterSalesId, AfterSalesStatus.REJECTED, "REJECTED", null, why, clock.instant())) {
      record(find(afterSalesId), "AFTER_SALES_REJECTED", why, actor);
    }
  }

  public void closed(final String afterSalesId, final String outcome, final String detail) {
    if (cases.close(afterSalesId, AfterSalesStatus.CLOSED, outcome, null, null, clock.instant())) {
      record(find(afterSalesId), "AFTER_SALES_CLOSED", detail, "pinflow");
    }
  }

  /** Reserves the goods of the order again, for an exchange or a resend; all or nothing. */
  public boolean reserveReplacement(final String afterSalesId) {
    final AfterSalesCase c = find(afterSalesId);
    final Order order = orders.find(c.orderSn()).orElseThrow();
    final List<StockDemand> demands =
        order.lines().stream().map(l -> new StockDemand(l.outerSkuId(), l.quantity())).toList();
    final Reservation reservation =
        stock.reserve(new StockOwner(StockOwner.Type.REPLACEMENT, afterSalesId), demands);
    final boolean reserved = !(reservation instanceof Reservation.Short);
    if (reservation instanceof Reservation.Reserved r && !r.alreadyHeld()) {
      record(c, "REPLACEMENT_RESERVED", demands.size() + " line(s)", "pinflow");
    }
    return reserved;
  }

  public void replacementShipped(
      final String afterSalesId, final String carrier, final String trackingNumber) {
    final Instant now = clock.instant();
    cases.recordReplacementTracking(afterSalesId, trackingNumber, now);
    stock.consume(new StockOwner(StockOwner.Type.REPLACEMENT, afterSalesId));
    record(find(afterSalesId), "REPLACEMENT_SHIPPED", carrier + " " + trackingNumber, "wms");
  }

  public void reshipped(final String afterSalesId, final String detail) {
    if (cases.close(
        afterSalesId, AfterSalesStatus.RESHIPPED, "RESHIPPED", null, null, clock.instant())) {
      record(find(afterSalesId), "RESHIPPED", detail, "pinflow");
    }
  }

  private void record(
      final AfterSalesCase c, final String type, final String detail, final String actor) {
    timeline.record(
        BUSINESS_TYPE,
        c.afterSalesId(),
        c.orderSn(),
        type,
        c.afterSalesId() + ": " + detail,
        actor);
  }
}
