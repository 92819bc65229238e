package io.pinflow.domain.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Random tokens and their SHA-256 digests, for API keys and generated passwords. */
public final class Secrets {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] ALPHABET =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();

  private Secrets() {}

  public static String randomToken(final int length) {
    final var token = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      token.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
    }
    return token.toString();
  }

  public static String sha256(final String value) {
    try {
      final var digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (final NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
