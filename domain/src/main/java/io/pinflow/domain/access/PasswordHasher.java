package io.pinflow.domain.access;

/** One-way hashing of passwords (BCrypt in the application). */
public interface PasswordHasher {

  String hash(String rawPassword);

  boolean matches(String rawPassword, String hash);
}
