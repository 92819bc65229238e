package io.pinflow.api.audit;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/** Copies an endpoint's {@link Audited} names and its path key into the request's audit record. */
public class AuditInterceptor implements HandlerInterceptor {

  @Override
  public boolean preHandle(
      final HttpServletRequest request, final HttpServletResponse response, final Object handler) {
    if (handler instanceof HandlerMethod method) {
      final Audited audited = method.getMethodAnnotation(Audited.class);
      if (audited != null) {
        final AuditRecord record = AuditRecord.of(request);
        record.action = audited.action();
        record.targetType = audited.target();
        if (record.targetKey == null
            && request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE)
                instanceof Map<?, ?> variables
            && !variables.isEmpty()) {
          record.targetKey = String.valueOf(variables.values().iterator().next());
        }
      }
    }
    return true;
  }
}
