package io.pinflow.api.security;

import io.pinflow.domain.shop.SecretCipher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Encrypts secrets at rest (shop client secrets) with AES-256-GCM. The key comes from {@code
 * pinflow.security.secret-key} (32 random bytes, base64). Embedded mode without a configured key
 * creates one once in the data folder; remote mode refuses to start without it.
 */
@Component
public class AesGcmSecretCipher implements SecretCipher {

  private static final Logger LOG = LoggerFactory.getLogger(AesGcmSecretCipher.class);
  private static final String VERSION = "v1:";
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;

  public AesGcmSecretCipher(
      @Value("${pinflow.security.secret-key:}") final String configuredKey,
      @Value("${pinflow.mode:embedded}") final String mode,
      @Value("${pinflow.embedded.data-dir:./data}") final Path dataDir) {
    this.key = new SecretKeySpec(keyBytes(configuredKey, mode, dataDir), "AES");
  }

  private static byte[] keyBytes(final String configured, final String mode, final Path dataDir) {
    if (configured != null && !configured.isBlank()) {
      return decodeKey(configured.strip(), "pinflow.security.secret-key");
    }
    if (!"embedded".equalsIgnoreCase(mode.strip())) {
      throw new IllegalStateException(
          "set PINFLOW_SECURITY_SECRET_KEY to 32 random bytes in base64 (e.g. openssl rand"
              + " -base64 32); it encrypts shop secrets in the database");
    }
    final Path file = dataDir.resolve("secret.key");
    try {
      if (Files.exists(file)) {
        return decodeKey(
            Files.readString(file, StandardCharsets.US_ASCII).strip(), file.toString());
      }
      Files.createDirectories(dataDir);
      final byte[] fresh = new byte[32];
      RANDOM.nextBytes(fresh);
      Files.writeString(file, Base64.getEncoder().encodeToString(fresh), StandardCharsets.US_ASCII);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (final UnsupportedOperationException notPosix) {
        LOG.debug("cannot restrict permissions of {}", file);
      }
      LOG.info("Created the key that encrypts secrets at rest in {}", file);
      return fresh;
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot read or create " + file, e);
    }
  }

  private static byte[] decodeKey(final String base64, final String source) {
    final byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64);
    } catch (final IllegalArgumentException e) {
      throw new IllegalStateException(source + " is not base64", e);
    }
    if (bytes.length != 32) {
      throw new IllegalStateException(source + " must hold 32 bytes, has " + bytes.length);
    }
    return bytes;
  }

  @Override
  public String encrypt(final String plaintext) {
    if (plaintext == null) {
      return null;
    }
    try {
      final byte[] iv = new byte[IV_BYTES];
      RANDOM.nextBytes(iv);
      final Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      final byte[] encrypted = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      final byte[] out =
          ByteBuffer.allocate(iv.length + encrypted.length).put(iv).put(encrypted).array();
      return VERSION + Base64.getEncoder().encodeToString(out);
    } catch (final GeneralSecurityException e) {
      throw new IllegalStateException("encryption failed", e);
    }
  }

  @Override
  public String decrypt(final String ciphertext) {
    if (!ciphertext.startsWith(VERSION)) {
      throw new IllegalArgumentException("unknown secret format");
    }
    try {
      final byte[] in = Base64.getDecoder().decode(ciphertext.substring(VERSION.length()));
      final Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
      return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
    } catch (final GeneralSecurityException e) {
      throw new IllegalStateException("decryption failed: wrong secret key?", e);
    }
  }
}
