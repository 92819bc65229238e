package io.pinflow.api.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinflow.api.PinflowIntegrationTest;
import io.pinflow.api.testing.TestApi;
import io.pinflow.api.testing.TestApi.Caller;
import io.pinflow.api.testing.TestOrders;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;

/**
 * Campaigns through the running application: checks, the approval chain worked through the task
 * API, the start and end on the simulated PDD, the stock the campaign holds, and its report.
 */
@PinflowIntegrationTest
class CampaignEndToEndTest {

  @Autowired TestApi api;
  @Autowired TestOrders orders;

  @Test
  void aCampaignApprovedThroughTheTaskApiRunsOnPddAndEndsWithAReport() {
    final String sku = orders.listedSku(100);
    final Caller ops = api.userWithRole("OPS");
    final OffsetDateTime start = now().plusSeconds(8);

    // 20 % off: the operations lead, then finance
    final TestApi.Answer submitted =
        api.post("/api/campaigns", campaign(sku, 2000, 10, start, start.plusSeconds(10)), ops);

    assertThat(submitted.status()).as(submitted.raw()).isEqualTo(201);
    final String campaignId = submitted.body().path("campaignId").asText();
    assertThat(submitted.body().path("status").asText()).isEqualTo("SUBMITTED");
    final JsonNode leadTask = approve(campaignId, "OPS_LEAD");
    assertThat(leadTask.path("variables").path("discountDepthPercent").asDouble()).isEqualTo(20.0);
    assertThat(leadTask.path("variables").path("totalSubsidyFen").asLong()).isEqualTo(5000);
    final JsonNode inApproval = api.get("/api/campaigns/" + campaignId, ops).body();
    assertThat(inApproval.path("status").asText()).isEqualTo("IN_APPROVAL");
    assertThat(inApproval.path("approvers").toString()).isEqualTo("[\"OPS_LEAD\",\"FINANCE\"]");
    approve(campaignId, "FINANCE");

    final JsonNode active = awaitStatus(campaignId, "ACTIVE");
    assertThat(active.path("activatedAt").asText()).isNotEmpty();
    final long activityId = active.path("items").get(0).path("pddActivityId").asLong();
    final JsonNode onPdd =
        api.get("/simulator/pdd/promotions/" + activityId, Caller.anonymous()).body();
    assertThat(onPdd.path("status").asText()).isEqualTo("ACTIVE");
    assertThat(onPdd.path("sku_list").get(0).path("activity_price").asLong()).isEqualTo(2000);
    assertThat(onPdd.path("sku_list").get(0).path("activity_quantity").asInt()).isEqualTo(10);
    assertThat(orders.reserved(sku)).isEqualTo(10);

    // a buyer takes 2 during the campaign: they come out of the campaign's stock
    final String orderSn = TestOrders.newOrderSn();
    final TestApi.Answer order =
        api.post(
            "/api/orders",
            orderAt(orderSn, sku, 2, 2000, OffsetDateTime.now(ZoneOffset.ofHours(8))),
            api.admin());
    assertThat(order.status()).as(order.raw()).isEqualTo(201);
    orders.awaitStatus(orderSn, "SENT_TO_WMS");
    assertThat(orders.available(sku)).isEqualTo(90);

    final JsonNode ended = awaitStatus(campaignId, "ENDED");
    assertThat(ended.path("stoppedEarly").asBoolean()).isFalse();
    assertThat(ended.path("items").get(0).path("reservedQuantity").asInt()).isEqualTo(10);
    assertThat(ended.path("items").get(0).path("remainingQuantity").asInt()).isEqualTo(8);
    assertThat(
            api.get("/simulator/pdd/promotions/" + activityId, Caller.anonymous())
                .body()
                .path("status")
                .asText())
        .isEqualTo("CANCELLED");
    // what the campaign still held is free again; the order's 2 leave with the parcel
    await().atMost(Duration.ofSeconds(20)).until(() -> orders.available(sku) == 98);

    final TestApi.Answer report =
        api.get("/api/reports/campaigns/" + campaignId, api.userWithRole("ANALYST"));
    assertThat(report.status()).as(report.raw()).isEqualTo(200);
    assertThat(report.body().path("campaignUnits").asLong()).isEqualTo(2);
    assertThat(report.body().path("unitsDuring").asLong()).isEqualTo(2);
    assertThat(report.body().path("revenueDuringFen").asLong()).isEqualTo(4000);
    assertThat(report.body().path("unitsBefore").asLong()).isZero();
    assertThat(report.body().path("subsidyFen").asLong()).isEqualTo(1000);
    assertThat(report.body().path("reportedAt").asText()).isNotEmpty();
    assertThat(timeline(campaignId))
        .containsSubsequence(
            "CAMPAIGN_SUBMITTED",
            "CAMPAIGN_CHECKED",
            "APPROVAL_ROUTED",
            "APPROVAL_GRANTED",
            "APPROVAL_GRANTED",
            "CAMPAIGN_SCHEDULED",
            "STOCK_RESERVED",
            "PDD_ACTIVITY_CREATED",
            "CAMPAIGN_ACTIVE",
            "CAMPAIGN_ENDED");
  }

  @Test
  void theSubmitterCannotApproveTheirOwnCampaignAndARejectionGoesBackForRevision() {
    final String sku = orders.listedSku(50);
    final Caller lead = api.ensureUser("campaign-lead", List.of("OPS_LEAD"), List.of("*"));
    final Caller otherLead = api.ensureUser("campaign-lead-2", List.of("OPS_LEAD"), List.of("*"));
    final OffsetDateTime start = now().plusDays(3);
    final String campaignId =
        api.post("/api/campaigns", campaign(sku, 2300, 5, start, start.plusDays(1)), lead)
            .body()
            .path("campaignId")
            .asText();
    final JsonNode task = api.awaitTask(otherLead, campaignId, "Approve campaign");
    final String complete = "/api/tasks/" + task.path("taskId").asText() + "/complete";

    final TestApi.Answer own =
        api.post(complete, Map.of("variables", Map.of("decision", "APPROVE")), lead);
    assertThat(own.status()).as(own.raw()).isEqualTo(403);
    final TestApi.Answer noReason =
        api.post(complete, Map.of("variables", Map.of("decision", "REJECT")), otherLead);
    assertThat(noReason.status()).as(noReason.raw()).isEqualTo(400);
    final TestApi.Answer rejected =
        api.post(
            complete,
            Map.of("variables", Map.of("decision", "REJECT", "comment", "start on the weekend")),
            otherLead);
    assertThat(rejected.status()).as(rejected.raw()).isEqualTo(200);

    final JsonNode sentBack = awaitStatus(campaignId, "REJECTED");
    assertThat(sentBack.path("revisionReason").asText())
        .isEqualTo("rejected by OPS_LEAD (campaign-lead-2): start on the weekend");
    // the revise task is the submitter's own
    final JsonNode revise = api.awaitTask(lead, campaignId, "Revise campaign");
    assertThat(revise.path("assignee").asText()).isEqualTo("campaign-lead");
    assertThat(api.get("/api/tasks?businessKey=" + campaignId, otherLead).body().path("items"))
        .isEmpty();
    final OffsetDateTime weekend = start.plusDays(1);
    final TestApi.Answer changed =
        api.call(
            HttpMethod.PUT,
            "/api/campaigns/" + campaignId,
            campaign(sku, 2300, 5, weekend, weekend.plusDays(1)),
            lead);
    assertThat(changed.status()).as(changed.raw()).isEqualTo(200);
    final TestApi.Answer resubmitted =
        api.post(
            "/api/tasks/" + revise.path("taskId").asText() + "/complete",
            Map.of("variables", Map.of("decision", "RESUBMIT", "comment", "moved to Saturday")),
            lead);
    assertThat(resubmitted.status()).as(resubmitted.raw()).isEqualTo(200);

    // the chain starts again from its first approver
    final JsonNode again = api.awaitTask(otherLead, campaignId, "Approve campaign");
    api.post(
        "/api/tasks/" + again.path("taskId").asText() + "/complete",
        Map.of("variables", Map.of("decision", "APPROVE")),
        otherLead);
    final JsonNode scheduled = awaitStatus(campaignId, "SCHEDULED");
    assertThat(scheduled.path("round").asInt()).isEqualTo(2);
    assertThat(scheduled.path("startTime").asText())
        .isEqualTo(weekend.toInstant().truncatedTo(ChronoUnit.SECONDS).toString());
    assertThat(scheduled.path("approvals")).hasSize(2);
    assertThat(scheduled.path("approvals").get(0).path("decision").asText()).isEqualTo("REJECT");
    assertThat(scheduled.path("approvals").get(1).path("round").asInt()).isEqualTo(2);

    // stopped before it starts: cancelled, nothing held
    final TestApi.Answer stop =
        api.post("/api/campaigns/" + campaignId + "/stop", Map.of("reason", "budget cut"), lead);
    assertThat(stop.status()).as(stop.raw()).isEqualTo(202);
    final JsonNode cancelled = awaitStatus(campaignId, "CANCELLED");
    assertThat(cancelled.path("closedReason").asText()).contains("budget cut");
    assertThat(orders.reserved(sku)).isZero();
    final TestApi.Answer stopAgain =
        api.post("/api/campaigns/" + campaignId + "/stop", Map.of(), lead);
    assertThat(stopAgain.status()).as(stopAgain.raw()).isEqualTo(409);
  }

  @Test
  void problemsTheChecksFindGoStraightToTheSubmitterWhoMayWithdraw() {
    final String sku = orders.listedSku(20);
    final String unlisted = orders.sku(20);
    final Caller ops = api.userWithRole("OPS");
    final OffsetDateTime start = now().plusDays(5);
    final String first =
        api.post("/api/campaigns", campaign(sku, 2300, 5, start, start.plusDays(2)), ops)
            .body()
            .path("campaignId")
            .asText();
    awaitStatus(first, "IN_APPROVAL");

    final Map<String, Object> body =
        campaign(
            start.plusDays(1),
            start.plusDays(3),
            List.of(item(sku, 2300, 5), item(unlisted, 2000, 5), item("T-NOWHERE", 100, 1)));
    final String second = api.post("/api/campaigns", body, ops).body().path("campaignId").asText();

    final JsonNode sentBack = awaitStatus(second, "REJECTED");
    assertThat(sentBack.path("problems").toString())
        .contains("SKU " + sku + " is in campaign " + first + " (IN_APPROVAL) at the same time")
        .contains("SKU " + unlisted + " is not on sale on shop demo-shop")
        .contains("SKU T-NOWHERE is not in the catalogue");
    assertThat(
            api.get("/api/tasks?businessKey=" + second, api.userWithRole("OPS_LEAD"))
                .body()
                .path("items"))
        .isEmpty();
    final JsonNode revise = api.awaitTask(ops, second, "Revise campaign");
    assertThat(revise.path("variables").path("revisionReason").asText()).contains("T-NOWHERE");
    api.post(
        "/api/tasks/" + revise.path("taskId").asText() + "/complete",
        Map.of("variables", Map.of("decision", "WITHDRAW", "comment", "planned twice")),
        ops);
    final JsonNode withdrawn = awaitStatus(second, "WITHDRAWN");
    assertThat(withdrawn.path("closedReason").asText()).isEqualTo("planned twice");
    api.post("/api/campaigns/" + first + "/stop", Map.of(), ops);
    awaitStatus(first, "CANCELLED");
  }

  @Test
  void anActiveCampaignStoppedEarlyIsCancelledOnPddAndGivesItsStockBack() {
    final String sku = orders.listedSku(40);
    final Caller ops = api.userWithRole("OPS");
    final OffsetDateTime start = now().plusSeconds(5);
    final String campaignId =
        api.post("/api/campaigns", campaign(sku, 2300, 15, start, start.plusHours(6)), ops)
            .body()
            .path("campaignId")
            .asText();
    approve(campaignId, "OPS_LEAD");
    final JsonNode active = awaitStatus(campaignId, "ACTIVE");
    assertThat(orders.reserved(sku)).isEqualTo(15);
    final TestApi.Answer live = api.get("/api/reports/campaigns/" + campaignId, api.admin());
    assertThat(live.body().path("reportedAt").isNull()).as(live.raw()).isTrue();

    final TestApi.Answer stop =
        api.post(
            "/api/campaigns/" + campaignId + "/stop", Map.of("reason", "sold out elsewhere"), ops);

    assertThat(stop.status()).as(stop.raw()).isEqualTo(202);
    final JsonNode ended = awaitStatus(campaignId, "ENDED");
    assertThat(ended.path("stoppedEarly").asBoolean()).isTrue();
    assertThat(orders.reserved(sku)).isZero();
    assertThat(orders.available(sku)).isEqualTo(40);
    final long activityId = active.path("items").get(0).path("pddActivityId").asLong();
    assertThat(
            api.get("/simulator/pdd/promotions/" + activityId, Caller.anonymous())
                .body()
                .path("status")
                .asText())
        .isEqualTo("CANCELLED");
    final JsonNode report = api.get("/api/reports/campaigns/" + campaignId, api.admin()).body();
    assertThat(report.path("stoppedEarly").asBoolean()).isTrue();
    assertThat(report.path("campaignUnits").asLong()).isZero();
    assertThat(timeline(campaignId)).containsSubsequence("STOP_REQUESTED", "CAMPAIGN_ENDED");
  }

  @Test
  void badPlansAreRefusedFieldByFieldAndAKeyRepeatsTheFirstAnswer() {
    final String sku = orders.sku(10);
    final Caller ops = api.userWithRole("OPS");
    final OffsetDateTime start = now().plusDays(1);

    final TestApi.Answer bad =
        api.post(
            "/api/campaigns",
            campaign(start, start.minusHours(1), List.of(item(sku, 0, 1), item(sku, 100, 0))),
            ops);
    assertThat(bad.status()).as(bad.raw()).isEqualTo(400);
    assertThat(fields(bad))
        .contains(
            "endTime", "items[0].activityPriceFen", "items[1].outerSkuId", "items[1].quantity");
    final TestApi.Answer past =
        api.post("/api/campaigns", campaign(sku, 100, 1, now().minusHours(1), start), ops);
    assertThat(fields(past)).containsExactly("startTime");
    final Map<String, Object> otherShop =
        new HashMap<>(campaign(sku, 100, 1, start, start.plusHours(1)));
    otherShop.put("shopId", "no-such-shop");
    final TestApi.Answer unknownShop = api.post("/api/campaigns", otherShop, ops);
    assertThat(unknownShop.status()).as(unknownShop.raw()).isEqualTo(400);
    assertThat(fields(unknownShop)).containsExactly("shopId");
    final TestApi.Answer broken =
        api.post("/api/campaigns", "{\"shopId\": \"demo-shop\", \"startTime\": \"soon\"}", ops);
    assertThat(broken.status()).as(broken.raw()).isEqualTo(400);

    final Map<String, String> keyed = Map.of("Idempotency-Key", "plan-" + System.nanoTime());
    final Map<String, Object> plan = campaign(sku, 2300, 1, start, start.plusHours(1));
    final TestApi.Answer first = api.post("/api/campaigns", plan, ops, keyed);
    final TestApi.Answer repeat = api.post("/api/campaigns", plan, ops, keyed);
    final TestApi.Answer changed =
        api.post("/api/campaigns", campaign(sku, 2200, 1, start, start.plusHours(1)), ops, keyed);

    assertThat(first.status()).as(first.raw()).isEqualTo(201);
    assertThat(repeat.status()).as(repeat.raw()).isEqualTo(200);
    assertThat(repeat.body().path("campaignId").asText())
        .isEqualTo(first.body().path("campaignId").asText());
    assertThat(changed.status()).as(changed.raw()).isEqualTo(409);
    final TestApi.Answer notEditable =
        api.call(
            HttpMethod.PUT,
            "/api/campaigns/" + first.body().path("campaignId").asText(),
            plan,
            ops);
    assertThat(notEditable.status()).as(notEditable.raw()).isEqualTo(409);
  }

  // ---- helpers

  private JsonNode approve(final String campaignId, final String role) {
    final Caller approver = api.userWithRole(role);
    final JsonNode task = api.awaitTask(approver, campaignId, "Approve campaign");
    assertThat(task.path("candidateGroups").toString()).contains(role);
    final TestApi.Answer done =
        api.post(
            "/api/tasks/" + task.path("taskId").asText() + "/complete",
            Map.of("variables", Map.of("decision", "APPROVE", "comment", "fine")),
            approver);
    assertThat(done.status()).as(done.raw()).isEqualTo(200);
    return task;
  }

  private JsonNode awaitStatus(final String campaignId, final String status) {
    return await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> api.get("/api/campaigns/" + campaignId, api.admin()).body(),
            c -> c != null && status.equals(c.path("status").asText()));
  }

  private List<String> timeline(final String campaignId) {
    final List<String> types = new ArrayList<>();
    api.get("/api/campaigns/" + campaignId + "/timeline", api.admin())
        .body()
        .forEach(e -> types.add(e.path("type").asText()));
    return types;
  }

  private static List<String> fields(final TestApi.Answer answer) {
    final List<String> fields = new ArrayList<>();
    answer.body().path("errors").forEach(e -> fields.add(e.path("field").asText()));
    return fields;
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.ofHours(8)).truncatedTo(ChronoUnit.SECONDS);
  }

  private static Map<String, Object> item(
      final String sku, final long priceFen, final int quantity) {
    return Map.of("outerSkuId", sku, "activityPriceFen", priceFen, "quantity", quantity);
  }

  private static Map<String, Object> campaign(
      final String sku,
      final long priceFen,
      final int quantity,
      final OffsetDateTime start,
      final OffsetDateTime end) {
    return campaign(start, end, List.of(item(sku, priceFen, quantity)));
  }

  private static Map<String, Object> campaign(
      final OffsetDateTime start, final OffsetDateTime end, final List<Map<String, Object>> items) {
    return Map.of(
        "shopId",
        "demo-shop",
        "name",
        "Double 12 warm-up",
        "startTime",
        start.toString(),
        "endTime",
        end.toString(),
        "items",
        items);
  }

  private static Map<String, Object> orderAt(
      final String orderSn,
      final String sku,
      final int quantity,
      final long priceFen,
      final OffsetDateTime confirmTime) {
    final Map<String, Object> body = new HashMap<>(TestOrders.body(orderSn, sku, quantity));
    body.put("confirmTime", confirmTime.toString());
    body.put(
        "items", List.of(Map.of("outerSkuId", sku, "quantity", quantity, "priceFen", priceFen)));
    body.put("payAmountFen", priceFen * quantity);
    return body;
  }
}
