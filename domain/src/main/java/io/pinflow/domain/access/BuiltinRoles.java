package io.pinflow.domain.access;

import static io.pinflow.domain.access.Permission.AFTERSALE_DECIDE;
import static io.pinflow.domain.access.Permission.AUDIT_READ;
import static io.pinflow.domain.access.Permission.CAMPAIGN_APPROVE;
import static io.pinflow.domain.access.Permission.INVENTORY_WRITE;
import static io.pinflow.domain.access.Permission.LISTING_REVIEW;
import static io.pinflow.domain.access.Permission.ORDER_READ;
import static io.pinflow.domain.access.Permission.ORDER_WRITE;
import static io.pinflow.domain.access.Permission.REPORT_READ;
import static io.pinflow.domain.access.Permission.TASK_WORK;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The roles every Pinflow has. Task candidate groups in the BPMN use these names: a task for {@code
 * OPS_LEAD} appears in the inbox of users holding that role.
 */
public final class BuiltinRoles {

  public static final String ADMIN = "ADMIN";
  public static final String OPS = "OPS";
  public static final String OPS_LEAD = "OPS_LEAD";
  public static final String WAREHOUSE = "WAREHOUSE";
  public static final String CUSTOMER_SERVICE = "CUSTOMER_SERVICE";
  public static final String CUSTOMER_SERVICE_LEAD = "CUSTOMER_SERVICE_LEAD";
  public static final String FINANCE = "FINANCE";
  public static final String INTEGRATION = "INTEGRATION";
  public static final String ANALYST = "ANALYST";

  private BuiltinRoles() {}

  public static List<Role> all() {
    return List.of(
        role(ADMIN, EnumSet.allOf(Permission.class)),
        role(OPS, Set.of(ORDER_READ, ORDER_WRITE, TASK_WORK, REPORT_READ)),
        role(
            OPS_LEAD,
            Set.of(
                ORDER_READ,
                ORDER_WRITE,
                INVENTORY_WRITE,
                TASK_WORK,
                REPORT_READ,
                LISTING_REVIEW,
                CAMPAIGN_APPROVE,
                AFTERSALE_DECIDE)),
        role(WAREHOUSE, Set.of(ORDER_READ, INVENTORY_WRITE, TASK_WORK)),
        role(CUSTOMER_SERVICE, Set.of(ORDER_READ, ORDER_WRITE, AFTERSALE_DECIDE, TASK_WORK)),
        role(
            CUSTOMER_SERVICE_LEAD,
            Set.of(ORDER_READ, ORDER_WRITE, AFTERSALE_DECIDE, TASK_WORK, REPORT_READ)),
        role(FINANCE, Set.of(ORDER_READ, REPORT_READ, CAMPAIGN_APPROVE, TASK_WORK, AUDIT_READ)),
        role(INTEGRATION, Set.of(ORDER_READ, ORDER_WRITE, INVENTORY_WRITE)),
        role(ANALYST, Set.of(ORDER_READ, REPORT_READ)));
  }

  private static Role role(final String name, final Set<Permission> permissions) {
    return new Role(name, permissions, true);
  }
}
