package io.pinflow.api.sample;

import io.pinflow.api.sample.SampleBatch.AfterSalesRow;
import io.pinflow.api.sample.SampleBatch.LineRow;
import io.pinflow.api.sample.SampleBatch.OrderRow;
import io.pinflow.api.sample.SampleBatch.ShipmentRow;
import io.pinflow.api.sample.SampleBuyers.Receiver;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Tells one day of a shop's history: when orders were confirmed, what they held, whether they were
 * cancelled, when they shipped and arrived, and what the buyers asked for afterwards. Every event
 * after the plan's as-of moment has not happened yet; after-sales cases not closed by then are left
 * out, as nothing would carry them on.
 */
final class SampleHistory {

  /** Rows of the day go here; {@link #orderDone()} after each order with its rows. */
  interface Sink {
    SampleBatch batch();

    void orderDone();
  }

  static final long SECOND = 1_000;
  static final long MINUTE = 60 * SECOND;
  static final long HOUR = 60 * MINUTE;
  static final long DAY = 24 * HOUR;

  /** The platform's ship-by time after confirmation. */
  static final long SHIP_WINDOW = 48 * HOUR;

  /** The ship-by clock's warning lead (pinflow.orders.ship-by-warning-lead). */
  static final long WARNING_LEAD = 6 * HOUR;

  /** A shipped order without delivery report completes this long after shipment. */
  static final long AUTO_COMPLETE = 10 * DAY;

  /** How long the merchant has to answer an after-sales request. */
  static final long AFTER_SALES_EXPIRY = 48 * HOUR;

  static final long RETURN_WINDOW = 7 * DAY;

  static final double CANCELLED_SHARE = 0.03;
  static final double AFTER_SALES_AFTER_SHIPMENT = 0.048;

  /** Orders per hour of the day (China time), relative. */
  private static final double[] HOURS = {
    3.0, 1.8, 1.0, 0.6, 0.5, 0.6, 1.2, 2.2, 3.2, 4.2, 5.0, 5.2, 5.3, 5.0, 4.8, 4.7, 4.6, 4.5, 4.6,
    5.2, 6.0, 6.6, 6.2, 4.5
  };

  private static final String[] CARRIERS = {"ZTO", "YTO", "YUNDA", "STO", "SF", "JD", "EMS"};
  private static final double[] CARRIER_SHARES =
      cumulative(new double[] {0.30, 0.22, 0.18, 0.14, 0.09, 0.04, 0.03});
  private static final String[] TRACKING_PREFIXES = {"75", "YT", "46", "77", "SF", "JDVA", "98"};

  private static final long[] COUPONS_FEN = {300, 500, 800, 1_000, 2_000};

  private static final DateTimeFormatter SN_DAY = DateTimeFormatter.ofPattern("yyMMdd");

  private final SamplePlan plan;
  private final SampleCatalog catalog;
  private final List<String> shopIds;
  private final int run;
  private final long asOf;
  private final double[] shopShares;
  private final double[] normalHours;
  private final double[] peakHours;
  private long orderSeq;
  private long afterSalesSeq;

  SampleHistory(
      final SamplePlan plan,
      final SampleCatalog catalog,
      final List<String> shopIds,
      final int run) {
    this.plan = plan;
    this.catalog = catalog;
    this.shopIds = shopIds;
    this.run = run;
    this.asOf = plan.asOf().toEpochMilli();
    final double[] shops = new double[shopIds.size()];
    for (int i = 0; i < shops.length; i++) {
      shops[i] = 1 / Math.pow(i + 1, 0.8);
    }
    this.shopShares = cumulative(shops);
    this.normalHours = cumulative(HOURS);
    final double[] peak = HOURS.clone();
    peak[0] *= 6; // the festival starts at midnight
    peak[1] *= 2;
    peak[20] *= 1.3;
    peak[21] *= 1.3;
    this.peakHours = cumulative(peak);
  }

  /** Generates the day's {@code count} orders in order of confirmation. */
  void day(final LocalDate day, final int count, final double season, final Sink sink) {
    final SplittableRandom random = new SplittableRandom(mix(plan.seed(), day.toEpochDay()));
    final long midnight = day.atStartOfDay(SamplePlan.ZONE).toInstant().toEpochMilli();
    final double[] hours = season >= 2.5 ? peakHours : normalHours;
    final long[] times = new long[count];
    for (int i = 0; i < count; i++) {
      final int hour = pick(hours, random);
      times[i] = midnight + hour * HOUR + random.nextLong(HOUR);
    }
    Arrays.sort(times);
    final String snPrefix = day.format(SN_DAY) + "-9" + pad(run, 3);
    final boolean closedDay = SampleCalendar.warehouseClosed(day);
    for (final long confirm : times) {
      order(snPrefix + pad(++orderSeq, 11), confirm, season, closedDay, random, sink.batch());
      sink.orderDone();
    }
  }

  private void order(
      final String orderSn,
      final long confirm,
      final double season,
      final boolean closedDay,
      final SplittableRandom random,
      final SampleBatch batch) {
    final int shop = pick(shopShares, random);
    final String shopId = shopIds.get(shop);

    // what the buyer bought
    final int lineCount = chance(random, 0.72) ? 1 : chance(random, 0.72) ? 2 : 3;
    final int[] skus = new int[lineCount];
    final int[] quantities = new int[lineCount];
    long goods = 0;
    for (int i = 0; i < lineCount; i++) {
      skus[i] = lineSku(shop, skus, i, random);
      quantities[i] = quantity(random);
      goods += quantities[i] * catalog.sku(skus[i]).priceFen();
    }
    long pay = goods;
    if (chance(random, season >= 1.7 ? 0.6 : 0.35)) {
      pay -= Math.min(goods * 3 / 10, COUPONS_FEN[random.nextInt(COUPONS_FEN.length)]);
    }
    final Receiver receiver = SampleBuyers.receiver(random);
    final long created = confirm + 2 * SECOND + random.nextLong(88 * SECOND);
    long lastShip = confirm + SHIP_WINDOW;
    for (int i = 0; i < lineCount; i++) {
      final var sku = catalog.sku(skus[i]);
      batch.lines.add(new LineRow(orderSn, i + 1, sku.outerSkuId(), quantities[i], sku.priceFen()));
    }

    if (chance(random, CANCELLED_SHARE)) {
      cancelled(orderSn, shopId, confirm, lastShip, pay, goods, receiver, created, random, batch);
      return;
    }

    // the warehouse
    long shipped;
    final long hours = shippingDelay(season, random);
    if (closedDay || SampleCalendar.warehouseClosed(dayOf(confirm + hours))) {
      final long reopen =
          SampleCalendar.reopening(dayOf(closedDay ? confirm : confirm + hours))
              .atTime(9, 0)
              .atZone(SamplePlan.ZONE)
              .toInstant()
              .toEpochMilli();
      lastShip = Math.max(lastShip, reopen + SHIP_WINDOW);
      shipped = reopen + Math.min(hours, SHIP_WINDOW - HOUR);
    } else {
      shipped = confirm + hours;
    }
    if (shipped > asOf - HOUR) {
      shipped = Math.max(confirm + HOUR, asOf - HOUR - random.nextLong(HOUR));
    }
    final long uploaded = shipped + MINUTE + random.nextLong(19 * MINUTE);
    final int carrier = pick(CARRIER_SHARES, random);
    batch.shipments.add(
        new ShipmentRow(
            orderSn, tracking(carrier, random), CARRIERS[carrier], "ORIGINAL", shipped, uploaded));

    // the courier and the buyer
    long delivered = SampleBatch.NONE;
    long completed;
    if (chance(random, 0.93)) {
      long transit = 18 * HOUR + (long) (100 * HOUR * Math.pow(random.nextDouble(), 1.6));
      if (season >= 2.5) {
        transit += 24 * HOUR;
      }
      delivered = shipped + transit;
      if (SampleCalendar.warehouseClosed(dayOf(delivered))) {
        delivered =
            SampleCalendar.reopening(dayOf(delivered))
                    .atStartOfDay(SamplePlan.ZONE)
                    .toInstant()
                    .toEpochMilli()
                + 12 * HOUR
                + random.nextLong(36 * HOUR);
      }
      completed = delivered + SECOND + random.nextLong(9 * SECOND);
    } else {
      completed = shipped + AUTO_COMPLETE;
    }
    final String status;
    int version = 5; // reserved, sent to the warehouse (two steps), accepted, shipped
    if (completed <= asOf) {
      status = "COMPLETED";
      version += delivered == SampleBatch.NONE ? 1 : 2;
    } else if (delivered != SampleBatch.NONE && delivered <= asOf) {
      status = "DELIVERED";
      completed = SampleBatch.NONE;
      version += 1;
    } else {
      status = "SHIPPED";
      delivered = SampleBatch.NONE;
      completed = SampleBatch.NONE;
    }
    final boolean atRisk = shipped > lastShip - WARNING_LEAD;
    final boolean breached = shipped > lastShip;
    version += (atRisk ? 1 : 0) + (breached ? 1 : 0);
    final long updated =
        completed != SampleBatch.NONE
            ? completed
            : delivered != SampleBatch.NONE ? delivered : uploaded;
    batch.orders.add(
        new OrderRow(
            orderSn,
            shopId,
            status,
            confirm,
            lastShip,
            pay,
            goods,
            receiver.nameMask(),
            receiver.phoneMask(),
            receiver.addressMask(),
            "SUBMITTED",
            SampleBatch.NONE,
            null,
            atRisk,
            breached,
            shipped,
            delivered,
            completed,
            SampleBatch.NONE,
            created,
            updated,
            version));

    if (!"SHIPPED".equals(status) && chance(random, AFTER_SALES_AFTER_SHIPMENT)) {
      afterShipment(orderSn, shopId, shipped, delivered, pay, goods, skus, quantities, random)
          .ifPresent(
              c -> {
                batch.afterSales.add(c.row());
                if (c.replacement() != null) {
                  batch.shipments.add(c.replacement());
                }
              });
    }
  }

  /** ~3 % of orders end before they ship: by the buyer's refund request, on PDD, or by ops. */
  private void cancelled(
      final String orderSn,
      final String shopId,
      final long confirm,
      final long lastShip,
      final long pay,
      final long goods,
      final Receiver receiver,
      final long created,
      final SplittableRandom random,
      final SampleBatch batch) {
    final long asked =
        confirm
            + (chance(random, 0.6)
                ? 5 * MINUTE + random.nextLong(4 * HOUR)
                : 4 * HOUR + random.nextLong(16 * HOUR));
    final long requested;
    final String reason;
    int version = 4;
    if (chance(random, 0.55)) {
      // the buyer asks for a refund before shipment: the after-sales process intercepts the order
      final String afterSalesId = afterSalesId();
      final boolean small = pay <= 20_000;
      final long decided =
          asked + (small ? 3 * SECOND + random.nextLong(17 * SECOND) : reviewTime(random, false));
      requested = decided + SECOND + random.nextLong(4 * SECOND);
      final long cancelledAt = requested + 5 * SECOND + random.nextLong(3 * MINUTE);
      final long closed = cancelledAt + 10 * SECOND + random.nextLong(5 * MINUTE);
      batch.afterSales.add(
          new AfterSalesRow(
              afterSalesId,
              shopId,
              orderSn,
              "REFUND_ONLY",
              "REFUNDED",
              chance(random, 0.85) ? "CHANGED_MIND" : "OTHER",
              pay,
              pay,
              asked + AFTER_SALES_EXPIRY,
              false,
              recentCases(random),
              small ? "AUTO_APPROVE" : "REVIEW",
              small ? "small refund before shipment" : "large refund before shipment",
              "REFUNDED",
              false,
              null,
              null,
              null,
              asked,
              closed,
              3));
      reason = "refund " + afterSalesId;
      version += 1;
    } else {
      requested = asked;
      reason =
          chance(random, 0.55)
              ? "cancelled on PDD"
              : switch (random.nextInt(3)) {
                case 0 -> "缺货，已与买家协商取消";
                case 1 -> "地址超出配送范围";
                default -> "买家联系客服要求取消";
              };
    }
    final long cancelledAt = requested + 5 * SECOND + random.nextLong(3 * MINUTE);
    final boolean atWarehouse = requested - confirm > 15 * MINUTE;
    batch.orders.add(
        new OrderRow(
            orderSn,
            shopId,
            "CANCELLED",
            confirm,
            lastShip,
            pay,
            goods,
            receiver.nameMask(),
            receiver.phoneMask(),
            receiver.addressMask(),
            atWarehouse ? "CANCELLED" : "NONE",
            requested,
            reason,
            false,
            false,
            SampleBatch.NONE,
            SampleBatch.NONE,
            SampleBatch.NONE,
            cancelledAt,
            created,
            cancelledAt,
            version + (atWarehouse ? 2 : 0)));
  }

  private record Case(AfterSalesRow row, ShipmentRow replacement) {}

  /** A buyer's request after the parcel left: refund, return, exchange or another parcel. */
  private Optional<Case> afterShipment(
      final String orderSn,
      final String shopId,
      final long shipped,
      final long delivered,
      final long pay,
      final long goods,
      final int[] skus,
      final int[] quantities,
      final SplittableRandom random) {
    final double t = random.nextDouble();
    final String type =
        t < 0.38 ? "REFUND_ONLY" : t < 0.83 ? "RETURN_REFUND" : t < 0.94 ? "EXCHANGE" : "RESEND";
    final String reason = reason(type, random);
    final long base = delivered != SampleBatch.NONE ? delivered : shipped + 3 * DAY;
    final boolean soon = type.equals("REFUND_ONLY") || type.equals("RESEND");
    final long opened =
        base
            + HOUR
            + (long) ((soon ? 3 * DAY : 6 * DAY) * Math.pow(random.nextDouble(), 2))
            + random.nextLong(HOUR);
    final long expire = opened + AFTER_SALES_EXPIRY;
    final int recent = recentCases(random);
    final long amount =
        Math.max(1, Math.min(pay, amount(type, reason, pay, goods, skus, quantities, random)));

    // the decision table, as the process would have applied it
    final String rule;
    if (recent >= 3) {
      rule = "frequent requester";
    } else if (type.equals("REFUND_ONLY")) {
      rule = "refund without return after shipment";
    } else if (type.equals("RETURN_REFUND")) {
      rule = amount <= 50_000 ? "return of ordinary value" : "high-value return";
    } else if (List.of("QUALITY", "WRONG_ITEM", "DAMAGED_IN_TRANSIT", "MISSING_PARTS")
        .contains(reason)) {
      rule = "replacement for the merchant's fault";
    } else {
      rule = "needs a person";
    }
    final boolean auto =
        rule.equals("return of ordinary value")
            || rule.equals("replacement for the merchant's fault");
    final long decided =
        auto
            ? opened + 3 * SECOND + random.nextLong(17 * SECOND)
            : reviewTime(random, true) + opened;

    String status;
    String outcome;
    Long refunded = null;
    String refusal = null;
    String inspection = null;
    String replacementTracking = null;
    ShipmentRow replacement = null;
    long closed;
    int version = 2; // decision recorded, closed

    if (!auto && chance(random, 0.06)) {
      // withdrawn while waiting for a person
      closed = opened + (long) ((decided - opened) * (0.2 + 0.7 * random.nextDouble()));
      status = "CLOSED";
      outcome = "WITHDRAWN";
    } else if (!auto && chance(random, rejectShare(type))) {
      closed = decided + 10 * SECOND + random.nextLong(5 * MINUTE);
      status = "REJECTED";
      outcome = "REJECTED";
      refusal = refusal(type, random);
    } else {
      switch (type) {
        case "REFUND_ONLY" -> {
          closed = decided + 10 * SECOND + random.nextLong(10 * MINUTE);
          status = "REFUNDED";
          outcome = "REFUNDED";
          refunded = amount;
        }
        case "RETURN_REFUND" -> {
          final long agreed = decided + 5 * SECOND + random.nextLong(55 * SECOND);
          version += 1;
          final double r = random.nextDouble();
          if (r < 0.08) {
            closed = agreed + RETURN_WINDOW + random.nextLong(MINUTE);
            status = "CLOSED";
            outcome = "BUYER_DID_NOT_RETURN";
          } else if (r < 0.13) {
            closed = agreed + 2 * HOUR + random.nextLong(4 * DAY);
            status = "CLOSED";
            outcome = "WITHDRAWN";
          } else {
            final long received = agreed + 2 * DAY + random.nextLong(4 * DAY);
            version += 2;
            if (chance(random, 0.92)) {
              inspection = "RESTOCKED";
              closed = received + MINUTE + random.nextLong(29 * MINUTE);
              status = "REFUNDED";
              outcome = "REFUNDED";
              refunded = amount;
            } else {
              inspection = "DAMAGED";
              closed = received + 2 * HOUR + random.nextLong(28 * HOUR);
              if (chance(random, 0.6)) {
                status = "REFUNDED";
                outcome = "REFUNDED";
                refunded = Math.max(1, amount / 2);
              } else {
                status = "REJECTED";
                outcome = "REJECTED";
                refusal = "退回商品有明显使用痕迹，影响二次销售";
              }
            }
          }
        }
        default -> {
          // exchange: the buyer's parcel comes back first; resend: a new parcel goes at once
          final long ready =
              type.equals("EXCHANGE")
                  ? decided + 2 * DAY + random.nextLong(3 * DAY)
                  : decided + 4 * HOUR + random.nextLong(26 * HOUR);
          final int carrier = pick(CARRIER_SHARES, random);
          replacementTracking = tracking(carrier, random);
          final long replacementShipped = ready + random.nextLong(20 * HOUR);
          replacement =
              new ShipmentRow(
                  orderSn,
                  replacementTracking,
                  CARRIERS[carrier],
                  type,
                  replacementShipped,
                  replacementShipped + MINUTE + random.nextLong(19 * MINUTE));
          closed = replacementShipped + 10 * SECOND + random.nextLong(5 * MINUTE);
          status = "RESHIPPED";
          outcome = "RESHIPPED";
          version += 2;
        }
      }
    }
    if (closed > asOf) {
      return Optional.empty(); // still open: nothing would move it on
    }
    final boolean missed = !auto && Math.min(decided, closed) > expire;
    return Optional.of(
        new Case(
            new AfterSalesRow(
                afterSalesId(),
                shopId,
                orderSn,
                type,
                status,
                reason,
                amount,
                refunded,
                expire,
                true,
                recent,
                auto ? "AUTO_APPROVE" : "REVIEW",
                rule,
                outcome,
                missed,
                refusal,
                inspection,
                replacementTracking,
                opened,
                closed,
                version + (missed ? 1 : 0)),
            replacement));
  }

  private static String reason(final String type, final SplittableRandom random) {
    final double r = random.nextDouble();
    return switch (type) {
      case "REFUND_ONLY" ->
          r < 0.28
              ? "QUALITY"
              : r < 0.50
                  ? "DAMAGED_IN_TRANSIT"
                  : r < 0.75 ? "MISSING_PARTS" : r < 0.90 ? "NOT_AS_DESCRIBED" : "CHANGED_MIND";
      case "RETURN_REFUND" ->
          r < 0.35
              ? "CHANGED_MIND"
              : r < 0.60
                  ? "SIZE"
                  : r < 0.80 ? "QUALITY" : r < 0.90 ? "NOT_AS_DESCRIBED" : "WRONG_ITEM";
      case "EXCHANGE" -> r < 0.55 ? "SIZE" : r < 0.80 ? "WRONG_ITEM" : "QUALITY";
      default -> r < 0.6 ? "MISSING_PARTS" : "DAMAGED_IN_TRANSIT";
    };
  }

  /** What the buyer asks back: the whole order, one line, one unit, or part of it. */
  private long amount(
      final String type,
      final String reason,
      final long pay,
      final long goods,
      final int[] skus,
      final int[] quantities,
      final SplittableRandom random) {
    final int line = random.nextInt(skus.length);
    final long unit =
        Math.max(1, Math.round((double) catalog.sku(skus[line]).priceFen() * pay / goods));
    return switch (type) {
      case "REFUND_ONLY" ->
          switch (reason) {
            case "MISSING_PARTS" -> unit;
            case "DAMAGED_IN_TRANSIT" -> Math.round(unit * (0.3 + 0.7 * random.nextDouble()));
            case "QUALITY" ->
                random.nextBoolean() ? pay : Math.round(pay * (0.2 + 0.4 * random.nextDouble()));
            default -> pay;
          };
      case "RETURN_REFUND" ->
          skus.length > 1 && random.nextBoolean() ? unit * quantities[line] : pay;
      default -> unit;
    };
  }

  private static double rejectShare(final String type) {
    return switch (type) {
      case "REFUND_ONLY" -> 0.20;
      case "RETURN_REFUND" -> 0.05;
      default -> 0.10;
    };
  }

  private static String refusal(final String type, final SplittableRandom random) {
    return switch (type) {
      case "REFUND_ONLY" -> random.nextBoolean() ? "已核实发货完整，不支持仅退款" : "商品已签收且无质量问题，请走退货退款";
      case "RETURN_REFUND" -> "超出七天无理由退货期限";
      default -> "尺码问题不属于质量问题，建议退货退款后重新下单";
    };
  }

  /** How long a person takes to decide; some decide after the platform's deadline. */
  private static long reviewTime(final SplittableRandom random, final boolean mayMiss) {
    final double r = random.nextDouble();
    if (r < 0.85 || !mayMiss && r < 0.95) {
      return 12 * MINUTE + random.nextLong(12 * HOUR);
    }
    if (r < 0.925 || !mayMiss) {
      return 12 * HOUR + random.nextLong(35 * HOUR);
    }
    return AFTER_SALES_EXPIRY + 5 * MINUTE + random.nextLong(12 * HOUR);
  }

  private static int recentCases(final SplittableRandom random) {
    final double r = random.nextDouble();
    return r < 0.90 ? 0 : r < 0.96 ? 1 : r < 0.985 ? 2 : r < 0.995 ? 3 : 4 + random.nextInt(3);
  }

  private int lineSku(
      final int shop, final int[] chosen, final int index, final SplittableRandom random) {
    for (int attempt = 0; ; attempt++) {
      final int sku =
          index > 0 && chance(random, 0.5)
              ? catalog.sibling(chosen[0], random)
              : catalog.pick(shop, random);
      boolean taken = false;
      for (int i = 0; i < index; i++) {
        taken |= chosen[i] == sku;
      }
      if (!taken) {
        return sku;
      }
      if (attempt > 20) {
        // tiny catalogues: take the next free SKU
        int next = sku;
        while (taken) {
          next = (next + 1) % catalog.skus().size();
          taken = false;
          for (int i = 0; i < index; i++) {
            taken |= chosen[i] == next;
          }
        }
        return next;
      }
    }
  }

  private static int quantity(final SplittableRandom random) {
    final double r = random.nextDouble();
    return r < 0.80 ? 1 : r < 0.94 ? 2 : r < 0.98 ? 3 : 4 + random.nextInt(2);
  }

  /** Hours from confirmation to shipment: mostly 6-30 h, ~4 % after the ship-by time. */
  private static long shippingDelay(final double season, final SplittableRandom random) {
    final double breach = season >= 2.5 ? 0.10 : season >= 1.7 ? 0.06 : 0.038;
    final double u = random.nextDouble();
    final double r = random.nextDouble();
    double hours;
    if (u < breach) {
      return (long) ((48.2 + 30 * r * r) * HOUR);
    } else if (u < breach + 0.08) {
      hours = 1 + 5 * r;
    } else if (u < breach + 0.10) {
      hours = 30 + 17.5 * r;
    } else {
      hours = 6 + 24 * (r + random.nextDouble()) / 2;
    }
    if (season >= 1.7) {
      hours = Math.min(47.9, hours * (season >= 2.5 ? 1.4 : 1.2));
    }
    return (long) (hours * HOUR);
  }

  private String afterSalesId() {
    return "9" + pad(run, 3) + pad(++afterSalesSeq, 8);
  }

  private static String tracking(final int carrier, final SplittableRandom random) {
    final String prefix = TRACKING_PREFIXES[carrier];
    final int digits = 15 - prefix.length();
    return prefix + pad(random.nextLong(pow10(digits)), digits);
  }

  private static long pow10(final int n) {
    long value = 1;
    for (int i = 0; i < n; i++) {
      value *= 10;
    }
    return value;
  }

  private static LocalDate dayOf(final long epochMilli) {
    return ZonedDateTime.ofInstant(Instant.ofEpochMilli(epochMilli), SamplePlan.ZONE).toLocalDate();
  }

  static boolean chance(final SplittableRandom random, final double p) {
    return random.nextDouble() < p;
  }

  static double[] cumulative(final double[] weights) {
    final double[] result = new double[weights.length];
    double sum = 0;
    for (int i = 0; i < weights.length; i++) {
      sum += weights[i];
      result[i] = sum;
    }
    for (int i = 0; i < result.length; i++) {
      result[i] /= sum;
    }
    return result;
  }

  static int pick(final double[] cumulative, final SplittableRandom random) {
    final double u = random.nextDouble();
    for (int i = 0; i < cumulative.length; i++) {
      if (u < cumulative[i]) {
        return i;
      }
    }
    return cumulative.length - 1;
  }

  /** {@code value} with leading zeros to {@code width} digits. */
  static String pad(final long value, final int width) {
    final String digits = Long.toString(value);
    if (digits.length() >= width) {
      return digits;
    }
    final StringBuilder padded = new StringBuilder(width);
    for (int i = digits.length(); i < width; i++) {
      padded.append('0');
    }
    return padded.append(digits).toString();
  }

  /** SplitMix64's finaliser over both values: independent streams per seed and day. */
  static long mix(final long seed, final long day) {
    long z = seed * 0x9E3779B97F4A7C15L + day * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
