package io.pinflow.api.engine;

import io.camunda.client.api.response.DeploymentEvent;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** What the last deployment put into the engine: process versions and form keys. */
@Component
public class DeployedModels {

  private final Map<String, Integer> processVersions = new ConcurrentHashMap<>();
  private final Map<Long, String> formIdsByKey = new ConcurrentHashMap<>();
  private volatile boolean deployed;

  void register(final DeploymentEvent deployment) {
    deployment
        .getProcesses()
        .forEach(p -> processVersions.put(p.getBpmnProcessId(), p.getVersion()));
    deployment.getForm().forEach(f -> formIdsByKey.put(f.getFormKey(), f.getFormId()));
    deployed = true;
  }

  public boolean isDeployed() {
    return deployed;
  }

  public Map<String, Integer> processVersions() {
    return Map.copyOf(processVersions);
  }

  public Optional<String> formId(final long formKey) {
    return Optional.ofNullable(formIdsByKey.get(formKey));
  }
}
