package io.pinflow.api.engine;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class ModeGuardTest {

  private final ModeGuard guard = new ModeGuard();

  @Test
  void remoteModeNamesEverySettingItLacks() {
    final var environment = environment(Map.of("pinflow.mode", "remote"));

    assertThatThrownBy(() -> guard.postProcessEnvironment(environment, new SpringApplication()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("spring.datasource.url (SPRING_DATASOURCE_URL)")
        .hasMessageContaining("pinflow.pdd.access-token-template")
        .hasMessageContaining("pinflow.pdd.return-address-id")
        .hasMessageContaining("pinflow.wms.base-url");
  }

  @Test
  void remoteModeStartsWithEveryRequiredSetting() {
    final Map<String, Object> settings = new HashMap<>();
    settings.put("pinflow.mode", "remote");
    ModeGuard.REMOTE_REQUIRED.forEach(setting -> settings.put(setting[0], "set"));

    assertThatCode(
            () -> guard.postProcessEnvironment(environment(settings), new SpringApplication()))
        .doesNotThrowAnyException();
  }

  @Test
  void aBlankRequiredSettingCountsAsMissing() {
    final Map<String, Object> settings = new HashMap<>();
    settings.put("pinflow.mode", "remote");
    ModeGuard.REMOTE_REQUIRED.forEach(setting -> settings.put(setting[0], "set"));
    settings.put("pinflow.pdd.return-address-id", " ");

    assertThatThrownBy(
            () -> guard.postProcessEnvironment(environment(settings), new SpringApplication()))
        .hasMessageContaining("pinflow.pdd.return-address-id")
        .hasMessageNotContaining("pinflow.wms.base-url");
  }

  @Test
  void anUnknownModeStopsTheStart() {
    assertThatThrownBy(
            () ->
                guard.postProcessEnvironment(
                    environment(Map.of("pinflow.mode", "cloud")), new SpringApplication()))
        .hasMessageContaining("'embedded' or 'remote'");
  }

  private static StandardEnvironment environment(final Map<String, Object> properties) {
    final StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
    return environment;
  }
}
