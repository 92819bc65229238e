package io.pinflow.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

class ApiExceptionHandlerTest {

  @Test
  void aCallThatFindsNoDatabaseConnectionIsAnsweredBusyWithRetryAfter() {
    final var answer =
        new ApiExceptionHandler()
            .busy(
                new CannotGetJdbcConnectionException(
                    "Failed to obtain JDBC Connection",
                    new SQLTransientConnectionException("pool - request timed out after 5000ms")));

    assertThat(answer.getStatusCode().value()).isEqualTo(503);
    assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
    assertThat(answer.getBody().getType().toString()).endsWith("busy");
    assertThat(answer.getBody().getDetail()).contains("Retry-After");
  }

  @Test
  void aTransactionThatCannotStartForWantOfAConnectionIsAnsweredBusyToo() {
    final var answer =
        new ApiExceptionHandler()
            .busy(
                new org.springframework.transaction.CannotCreateTransactionException(
                    "Could not open JDBC Connection for transaction"));

    assertThat(answer.getStatusCode().value()).isEqualTo(503);
  }
}
