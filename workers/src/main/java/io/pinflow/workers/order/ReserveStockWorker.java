package io.pinflow.workers.order;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.client.exception.BpmnError;
import io.pinflow.domain.order.Orders;
import io.pinflow.domain.stock.Reservation;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * {@code pinflow.order.reserve-stock}: reserves all lines or none. A shortage is a normal outcome
 * (the process asks ops); a reservation released earlier means the order was cancelled.
 */
@Component
public class ReserveStockWorker {

  private final Orders orders;

  public ReserveStockWorker(final Orders orders) {
    this.orders = orders;
  }

  public record Output(boolean stockReserved, String shortageSummary) {}

  /** Shipped before: nothing to reserve. Released before: the order was cancelled. */
  private static Output afterClosedReservation(final Reservation.Closed closed) {
    if ("CONSUMED".equals(closed.status())) {
      return new Output(true, "");
    }
    throw new BpmnError(
        "ORDER_CANCELLED",
        "the order's stock was released before",
        Map.of("cancelReason", "cancelled"),
        null);
  }

  @JobWorker(type = "pinflow.order.reserve-stock")
  public Output reserveStock(@VariablesAsType final OrderInput input) {
    return switch (orders.reserveStock(input.orderSn())) {
      case Reservation.Reserved reserved -> new Output(true, "");
      case Reservation.Short shortage ->
          new Output(
              false,
              shortage.shortages().stream()
                  .map(
                      s ->
                          s.outerSkuId()
                              + ": need "
                              + s.requested()
                              + ", available "
                              + s.available())
                  .collect(Collectors.joining("; ")));
      case Reservation.Closed closed -> afterClosedReservation(closed);
    };
  }
}
