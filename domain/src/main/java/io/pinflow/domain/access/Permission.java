package io.pinflow.domain.access;

import java.util.Arrays;
import java.util.Optional;

/** What a role allows. The names are the API's permission strings. */
public enum Permission {
  ORDER_READ("order:read"),
  ORDER_WRITE("order:write"),
  INVENTORY_WRITE("inventory:write"),
  AFTERSALE_DECIDE("aftersale:decide"),
  LISTING_REVIEW("listing:review"),
  CAMPAIGN_APPROVE("campaign:approve"),
  REPORT_READ("report:read"),
  USER_MANAGE("user:manage"),
  AUDIT_READ("audit:read"),
  TASK_WORK("task:work"),
  SYSTEM_MANAGE("system:manage");

  private final String value;

  Permission(final String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }

  public static Optional<Permission> parse(final String value) {
    return Arrays.stream(values()).filter(p -> p.value.equals(value)).findFirst();
  }

  @Override
  public String toString() {
    return value;
  }
}
