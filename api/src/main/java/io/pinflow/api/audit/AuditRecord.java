package io.pinflow.api.audit;

import io.pinflow.domain.access.Actor;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * What the audit filter writes about the current request, gathered while it runs: the actor, the
 * action and target (from {@link Audited}), and what the handler adds (key, shop, detail).
 */
public final class AuditRecord {

  private static final String ATTRIBUTE = AuditRecord.class.getName();

  Actor actor;
  String attempted;
  String action;
  String targetType;
  String targetKey;
  String shopId;
  String detail;
  boolean recorded;

  static AuditRecord of(final HttpServletRequest request) {
    AuditRecord record = (AuditRecord) request.getAttribute(ATTRIBUTE);
    if (record == null) {
      record = new AuditRecord();
      request.setAttribute(ATTRIBUTE, record);
    }
    return record;
  }

  /** The record of the request this thread serves. */
  public static AuditRecord current() {
    final RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
    if (attributes instanceof ServletRequestAttributes servlet) {
      return of(servlet.getRequest());
    }
    return new AuditRecord();
  }

  /** The changed object's key and shop, when they are not in the path (e.g. created objects). */
  public AuditRecord target(final String key, final String shop) {
    this.targetKey = key;
    this.shopId = shop;
    return this;
  }

  public AuditRecord shop(final String shop) {
    this.shopId = shop;
    return this;
  }

  /** A short, secret-free description of the change (e.g. the decision taken). */
  public AuditRecord detail(final String text) {
    this.detail = text;
    return this;
  }
}
