package io.pinflow.embedded.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinflow.embedded.FreePorts;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class EmbeddedMariaDbTest {

  private final Path home = Path.of("target", "test-mariadb-restart");

  @Test
  void dataSurvivesARestartAndTheServerListensOnLoopbackOnly() throws SQLException {
    final int port = FreePorts.find();
    final String marker = "row-" + System.nanoTime();
    try (var server = new EmbeddedMariaDb(home, port)) {
      server.start();
      execute(server, "CREATE TABLE IF NOT EXISTS markers (name VARCHAR(50) PRIMARY KEY)");
      execute(server, "INSERT INTO markers VALUES ('" + marker + "')");
    }

    try (var server = new EmbeddedMariaDb(home, FreePorts.find())) {
      server.start();
      try (var connection = DriverManager.getConnection(server.jdbcUrl("restart"), "root", "");
          var result =
              connection
                  .createStatement()
                  .executeQuery("SELECT COUNT(*) FROM markers WHERE name = '" + marker + "'")) {
        result.next();
        assertThat(result.getInt(1)).isEqualTo(1);
      }
      try (var connection = DriverManager.getConnection(server.jdbcUrl("restart"), "root", "");
          var result = connection.createStatement().executeQuery("SELECT @@bind_address")) {
        result.next();
        assertThat(result.getString(1)).isEqualTo("127.0.0.1");
      }
    }
  }

  @Test
  void aSecondServerOnTheSameDataIsRefused() {
    try (var first =
        new EmbeddedMariaDb(home.resolveSibling("test-mariadb-lock"), FreePorts.find())) {
      first.start();
      final var second =
          new EmbeddedMariaDb(home.resolveSibling("test-mariadb-lock"), FreePorts.find());

      assertThatThrownBy(second::start).hasMessageContaining("in use by another running Pinflow");
    }
  }

  private static void execute(final EmbeddedMariaDb server, final String sql) throws SQLException {
    try (var connection = DriverManager.getConnection(server.jdbcUrl("restart"), "root", "")) {
      connection.createStatement().execute(sql);
    }
  }
}
