package io.pinflow.domain.shop;

/** Symmetric encryption of secrets at rest (shop client secrets, platform tokens). */
public interface SecretCipher {

  String encrypt(String plaintext);

  String decrypt(String ciphertext);
}
