package io.pinflow.workers.engine;

import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.pinflow.domain.task.FormRepository;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * What Pinflow deployed: process versions, the names of their elements (job-worker user tasks do
 * not carry their name), and the forms by the key the engine puts on a task.
 */
@Component
public class DeployedModels {

  private final FormRepository forms;
  private final Map<String, Integer> processVersions = new ConcurrentHashMap<>();
  private final Map<String, String> elementNames = new ConcurrentHashMap<>();
  private volatile boolean deployed;

  public DeployedModels(final FormRepository forms) {
    this.forms = forms;
  }

  void register(final DeploymentEvent deployment, final Map<String, byte[]> resources) {
    deployment
        .getProcesses()
        .forEach(p -> processVersions.put(p.getBpmnProcessId(), p.getVersion()));
    deployment
        .getForm()
        .forEach(
            form -> {
              final byte[] schema = resources.get(form.getResourceName());
              if (schema != null) {
                forms.save(
                    form.getFormKey(),
                    form.getFormId(),
                    form.getVersion(),
                    new String(schema, StandardCharsets.UTF_8));
              }
            });
    resources.forEach(
        (name, content) -> {
          if (name.endsWith(".bpmn")) {
            readElementNames(content);
          }
        });
    deployed = true;
  }

  private void readElementNames(final byte[] bpmn) {
    final var model = Bpmn.readModelFromStream(new ByteArrayInputStream(bpmn));
    for (final FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      final var process = processOf(node);
      if (process != null) {
        collect(process, node);
      }
    }
  }

  private void collect(final String processId, final FlowNode node) {
    if (node.getName() != null && !node.getName().isBlank()) {
      elementNames.put(processId + "/" + node.getId(), node.getName().strip());
    }
  }

  private static String processOf(final FlowNode node) {
    var parent = node.getParentElement();
    while (parent != null && !(parent instanceof Process)) {
      parent = parent.getParentElement();
    }
    return parent == null ? null : ((Process) parent).getId();
  }

  public boolean isDeployed() {
    return deployed;
  }

  public Map<String, Integer> processVersions() {
    return Map.copyOf(processVersions);
  }

  /** The element's name as drawn in the model, or its id when it has none or is unknown. */
  public String elementName(final String processId, final String elementId) {
    return elementNames.getOrDefault(processId + "/" + elementId, elementId);
  }
}
