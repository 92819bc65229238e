package io.pinflow.connectors.pdd;

import java.util.Set;

/** An {@code error_response} of the PDD router, or a failure to reach it. */
public class PddApiException extends RuntimeException {

  public static final int TOKEN_EXPIRED = 10019;
  public static final int BAD_SIGNATURE = 20004;
  public static final int IP_NOT_ALLOWED = 20005;
  public static final int NOT_AUTHORISED = 20031;
  public static final int THROTTLED = 52101;
  public static final int DEGRADED = 52102;
  public static final int UNAVAILABLE = 52103;

  private static final Set<Integer> TRANSIENT = Set.of(THROTTLED, DEGRADED, UNAVAILABLE);
  private static final Set<Integer> CREDENTIALS =
      Set.of(TOKEN_EXPIRED, BAD_SIGNATURE, IP_NOT_ALLOWED, NOT_AUTHORISED);

  private final String api;
  private final int errorCode;
  private final String subCode;

  public PddApiException(
      final String api, final int errorCode, final String subCode, final String message) {
    super(
        api
            + " failed with "
            + errorCode
            + (subCode == null ? "" : "/" + subCode)
            + ": "
            + message);
    this.api = api;
    this.errorCode = errorCode;
    this.subCode = subCode;
  }

  public String api() {
    return api;
  }

  public int errorCode() {
    return errorCode;
  }

  public String subCode() {
    return subCode;
  }

  /** Worth trying again later: throttling and platform degradation. */
  public boolean isTransient() {
    return TRANSIENT.contains(errorCode);
  }

  /** The shop's credentials or permissions are wrong; retrying does not help until fixed. */
  public boolean isCredentialProblem() {
    return CREDENTIALS.contains(errorCode);
  }
}
