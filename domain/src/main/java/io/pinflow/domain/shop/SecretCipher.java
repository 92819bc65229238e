package io.pinflow.domain.shop;

/** Symmetric encryption of secrets at rest (shop client secrets, platform tokens). */
public interface SecretCipher {

  /** The ciphertext; null for null. */
  String encrypt(String plaintext);

  String decrypt(String ciphertext);
}
