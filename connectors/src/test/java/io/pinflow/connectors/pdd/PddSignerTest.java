package io.pinflow.connectors.pdd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PddSignerTest {

  @Test
  void theSignatureIsTheUpperCaseMd5OfSortedPairsBetweenTheSecret() throws Exception {
    final Map<String, String> params = new LinkedHashMap<>();
    params.put("type", "pdd.order.information.get");
    params.put("client_id", "app-1");
    params.put("timestamp", "1700000000");
    params.put("data_type", "JSON");
    params.put("order_sn", "261124-000000000000001");

    final String sign = PddSigner.sign(params, "s3cr3t");

    final String text =
        "s3cr3t"
            + "client_idapp-1"
            + "data_typeJSON"
            + "order_sn261124-000000000000001"
            + "timestamp1700000000"
            + "typepdd.order.information.get"
            + "s3cr3t";
    final String expected =
        HexFormat.of()
            .withUpperCase()
            .formatHex(
                MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    assertThat(sign).isEqualTo(expected).hasSize(32).isUpperCase();
  }

  @Test
  void theSignParameterItselfIsLeftOutAndAnyChangeChangesTheSignature() {
    final Map<String, String> params = new LinkedHashMap<>(Map.of("type", "x", "page", "1"));
    final String sign = PddSigner.sign(params, "k");
    params.put("sign", sign);

    assertThat(PddSigner.sign(params, "k")).isEqualTo(sign);
    params.put("page", "2");
    assertThat(PddSigner.sign(params, "k")).isNotEqualTo(sign);
    assertThat(PddSigner.sign(Map.of("type", "x", "page", "1"), "other")).isNotEqualTo(sign);
  }
}
