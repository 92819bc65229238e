package io.pinflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinflow.api.system.SelfCheckController.SelfCheckView;
import io.pinflow.api.testing.TestApi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

@PinflowIntegrationTest
class SelfCheckEndToEndTest {

  @Autowired TestRestTemplate http;
  @Autowired JdbcClient jdbc;

  @Test
  void aSelfCheckTravelsThroughEngineAndWorkerIntoTheDatabase() {
    final var response =
        http.withBasicAuth("admin", TestApi.ADMIN_PASSWORD)
            .postForEntity("/api/system/self-checks", null, SelfCheckView.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    final SelfCheckView check = response.getBody();
    assertThat(check.recordedAt()).isAfterOrEqualTo(check.requestedAt());
    assertThat(check.processInstanceKey()).isPositive();
    final var row =
        jdbc.sql("SELECT process_instance_key, worker FROM self_checks WHERE check_id = ?")
            .param(check.checkId())
            .query((rs, n) -> rs.getLong(1) + "/" + rs.getString(2))
            .single();
    assertThat(row).isEqualTo(check.processInstanceKey() + "/" + check.worker());
  }
}
