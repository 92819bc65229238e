package io.pinflow.domain.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.pinflow.embedded.FreePorts;
import io.pinflow.embedded.database.EmbeddedMariaDb;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A real MariaDB for repository tests: one server per test JVM on a free loopback port, data under
 * {@code target/}, schema migrated by the project's Flyway scripts.
 */
public final class TestDatabase {

  private static DataSource dataSource;

  private TestDatabase() {}

  public static synchronized DataSource dataSource() {
    if (dataSource == null) {
      final var server = new EmbeddedMariaDb(Path.of("target", "test-mariadb"), FreePorts.find());
      server.start();
      Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "test-mariadb-stop"));
      final var config = new HikariConfig();
      config.setJdbcUrl(server.jdbcUrl("pinflow_test_" + ProcessHandle.current().pid()));
      config.setUsername("root");
      config.setMaximumPoolSize(8);
      final var pool = new HikariDataSource(config);
      Flyway.configure().dataSource(pool).load().migrate();
      dataSource = pool;
    }
    return dataSource;
  }

  public static JdbcClient jdbc() {
    return JdbcClient.create(dataSource());
  }
}
