package io.pinflow.connectors.pdd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinflow.domain.common.ValidationException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PddOrdersTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void platformFieldsBecomeAnOrderInFenAndUtc() throws Exception {
    final JsonNode order =
        JSON.readTree(
            """
            {"order_sn": "261124-123456789012345", "order_status": 1, "risk_control_status": 1,
             "group_status": 0, "order_tag_list": [{"name": "ship_hold", "value": 1}],
             "confirm_time": "2026-11-24 10:00:00", "last_ship_time": "2026-11-26 10:00:00",
             "pay_amount": "99.80", "receiver_phone_mask": "138****0000",
             "item_list": [{"outer_id": "SKU-RED-M", "goods_count": 2, "goods_price": "49.9"}]}
            """);

    final var newOrder = PddOrders.toNewOrder("demo-shop", order);
    final var state = PddOrders.state(order);

    assertThat(newOrder.confirmTime()).isEqualTo(Instant.parse("2026-11-24T02:00:00Z"));
    assertThat(newOrder.lastShipTime()).isEqualTo(Instant.parse("2026-11-26T02:00:00Z"));
    assertThat(newOrder.payAmountFen()).isEqualTo(9980L);
    assertThat(newOrder.items().getFirst().priceFen()).isEqualTo(4990L);
    assertThat(newOrder.items().getFirst().quantity()).isEqualTo(2);
    assertThat(state.holds().riskReview()).isTrue();
    assertThat(state.holds().shipHold()).isTrue();
    assertThat(state.holds().groupForming()).isTrue();
    assertThat(state.awaitingShipment()).isTrue();
    assertThat(state.cancelled()).isFalse();
  }

  @Test
  void refundedOrFailedGroupOrdersCountAsCancelledAndReceivedOnesAsDelivered() throws Exception {
    assertThat(PddOrders.state(JSON.readTree("{\"refund_status\": 4}")).cancelled()).isTrue();
    assertThat(PddOrders.state(JSON.readTree("{\"group_status\": 2}")).cancelled()).isTrue();
    assertThat(PddOrders.state(JSON.readTree("{\"order_status\": 3}")).received()).isTrue();
  }

  @Test
  void malformedAmountsAndTimesAreClearErrors() throws Exception {
    assertThatThrownBy(
            () ->
                PddOrders.fen(
                    JSON.readTree("{\"pay_amount\": \"12.345\"}"), "pay_amount", "pay_amount"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("pay_amount");
    assertThatThrownBy(
            () ->
                PddOrders.time(JSON.readTree("{\"confirm_time\": \"yesterday\"}"), "confirm_time"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("confirm_time");
  }
}
