package io.pinflow.api.web;

import io.pinflow.api.audit.AuditInterceptor;
import io.pinflow.api.reports.CsvRecordsConverter;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration
@EnableScheduling
public class WebConfiguration implements WebMvcConfigurer {

  /**
   * CSV only for a client that asks for it: added after the JSON converter, so that one accepting
   * anything (curl's, browsers' and most HTTP libraries' default) gets JSON from every endpoint.
   */
  @Override
  public void extendMessageConverters(final List<HttpMessageConverter<?>> converters) {
    converters.add(new CsvRecordsConverter());
  }

  @Override
  public void addInterceptors(final InterceptorRegistry registry) {
    registry.addInterceptor(new AuditInterceptor()).addPathPatterns("/api/**", "/integrations/**");
  }
}
