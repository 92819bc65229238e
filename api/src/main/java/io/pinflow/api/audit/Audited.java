package io.pinflow.api.audit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names a state-changing endpoint in the audit trail ({@code order.cancel}) and the type of object
 * it changes ({@code ORDER}). The key of the object is the endpoint's first path variable unless
 * the handler sets it through {@link AuditRecord}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Audited {

  String action();

  String target();
}
