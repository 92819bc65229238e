package io.pinflow.connectors.pdd;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * PDD's request signature: upper-case hex MD5 of {@code secret + k1 + v1 + k2 + v2 + ... + secret},
 * keys in ascending order, {@code sign} itself left out. Values are the strings sent (objects
 * already serialised to JSON).
 */
public final class PddSigner {

  private PddSigner() {}

  public static String sign(final Map<String, String> params, final String clientSecret) {
    final var text = new StringBuilder(clientSecret);
    new TreeMap<>(params)
        .forEach(
            (key, value) -> {
              if (!"sign".equals(key) && value != null) {
                text.append(key).append(value);
              }
            });
    text.append(clientSecret);
    try {
      final var md5 = MessageDigest.getInstance("MD5");
      return HexFormat.of()
          .withUpperCase()
          .formatHex(md5.digest(text.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (final NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is part of every JDK", e);
    }
  }
}
