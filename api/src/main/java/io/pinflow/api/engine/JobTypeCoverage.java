package io.pinflow.api.engine;

import io.camunda.client.jobhandling.JobWorkerManager;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskListener;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskListenerEventType;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskListeners;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeUserTask;
import io.pinflow.workers.usertask.UserTaskCollector;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Which job types of process models no worker of this application serves: a task of such a type
 * waits until a worker for it appears. Pinflow checks the models it deploys itself ({@code
 * classpath:models/}) at start and for the health component {@code jobTypes}; {@link
 * #unserved(Map)} answers the same question for any other model.
 *
 * <p>In embedded mode every model the engine takes, also from Camunda Modeler or zbctl, is checked
 * as it arrives: the engine has no API that lists deployments, so its log announces them (bean
 * {@code embeddedDeployedModels}). A Camunda cluster is not watched; the model lint ({@code
 * processes/tools/lint.mjs}) checks the job types of a model before it is deployed.
 */
@Component
public class JobTypeCoverage {

  private static final Logger LOG = LoggerFactory.getLogger(JobTypeCoverage.class);
  private static final String OWN_MODELS = "classpath*:models/**/*.bpmn";

  private final JobWorkerManager workers;
  private final Supplier<Map<String, byte[]>> ownModels;
  private volatile Map<String, List<String>> ownJobTypes;
  private final Map<String, List<String>> deployedJobTypes = new ConcurrentSkipListMap<>();

  /** Workers open once the application is ready: before that every job type looks unserved. */
  private volatile boolean ready;

  /** A job type no worker serves, and where the models use it ({@code process/element}). */
  public record Unserved(String jobType, List<String> usedAt) {}

  @Autowired
  public JobTypeCoverage(
      final JobWorkerManager workers,
      @Qualifier("embeddedDeployedModels")
          final ObjectProvider<Consumer<BiConsumer<String, byte[]>>> deployedModels) {
    this(workers, JobTypeCoverage::readOwnModels);
    // the embedded engine announces every model it takes, from Modeler and zbctl too
    deployedModels.ifAvailable(
        feed -> {
          feed.accept(this::deployed);
          LOG.info("Checking the job types of every model deployed to the embedded engine");
        });
  }

  /** Over other models than Pinflow's own, given as resource name and content. */
  JobTypeCoverage(final JobWorkerManager workers, final Supplier<Map<String, byte[]>> ownModels) {
    this.workers = workers;
    this.ownModels = ownModels;
  }

  /** Whether a worker of this application serves the job type (user tasks: the task inbox). */
  public boolean served(final String jobType) {
    if (UserTaskCollector.JOB_TYPE.equals(jobType)
        || UserTaskCollector.TASK_LISTENER_TYPE.equals(jobType)) {
      return true;
    }
    // the manager's list is not made for readers on other threads while workers still open
    for (int attempt = 1; ; attempt++) {
      try {
        return workers.findJobWorkerConfigByType(jobType).isPresent();
      } catch (final java.util.ConcurrentModificationException e) {
        if (attempt == 3) {
          throw e;
        }
      }
    }
  }

  /** The job types of Pinflow's own models that no worker serves, sorted by type. */
  public List<Unserved> unservedInOwnModels() {
    return withoutWorker(ownJobTypes());
  }

  /** How many different job types Pinflow's own models use. */
  public int jobTypesInOwnModels() {
    return ownJobTypes().size();
  }

  /**
   * The job types no worker serves in models deployed to the engine while Pinflow runs (Modeler,
   * zbctl or Pinflow itself), with where they are used; embedded mode only.
   */
  public List<Unserved> unservedInDeployedModels() {
    return deployedJobTypes.entrySet().stream()
        .filter(e -> !served(e.getKey()))
        .map(e -> new Unserved(e.getKey(), e.getValue()))
        .toList();
  }

  /** A model the engine took: its job types are kept for health, those without a worker logged. */
  void deployed(final String resourceName, final byte[] content) {
    final Map<String, BpmnModelInstance> model = parse(Map.of(resourceName, content));
    for (final String task : userTasksOutsideTheInbox(model)) {
      LOG.warn(
          "User task {} has no task listener of type {} on its \"creating\" event: the task"
              + " inbox will not show it",
          task,
          UserTaskCollector.TASK_LISTENER_TYPE);
    }
    jobTypes(model)
        .forEach(
            (type, usedAt) -> {
              deployedJobTypes.put(type, usedAt);
              if (ready && !served(type)) {
                warn(type, usedAt);
              }
            });
  }

  private static void warn(final String jobType, final List<String> usedAt) {
    LOG.warn(
        "No worker serves job type {} ({}): those tasks wait until one does",
        jobType,
        String.join(", ", usedAt));
  }

  /** The job types of the given BPMN models (name and content) that no worker serves. */
  public List<Unserved> unserved(final Map<String, byte[]> bpmnModels) {
    return withoutWorker(jobTypes(parse(bpmnModels)));
  }

  @EventListener(ApplicationReadyEvent.class)
  public void warnAtStart() {
    ready = true;
    final Map<String, List<String>> unserved = new TreeMap<>();
    unservedInOwnModels().forEach(u -> unserved.put(u.jobType(), u.usedAt()));
    unservedInDeployedModels().forEach(u -> unserved.putIfAbsent(u.jobType(), u.usedAt()));
    unserved.forEach(JobTypeCoverage::warn);
  }

  private List<Unserved> withoutWorker(final Map<String, List<String>> jobTypes) {
    final List<Unserved> unserved = new ArrayList<>();
    jobTypes.forEach(
        (type, usedAt) -> {
          if (!served(type)) {
            unserved.add(new Unserved(type, usedAt));
          }
        });
    return unserved;
  }

  private Map<String, List<String>> ownJobTypes() {
    Map<String, List<String>> types = ownJobTypes;
    if (types == null) {
      types = jobTypes(parse(ownModels.get()));
      ownJobTypes = types;
    }
    return types;
  }

  /**
   * The static job types of the models' task definitions (service, send, script and business rule
   * tasks, message throw events) and user task listeners, each with the elements that use it. A
   * type given as FEEL expression is known only at run time and left out.
   */
  static Map<String, List<String>> jobTypes(final Map<String, BpmnModelInstance> bpmnModels) {
    final Map<String, List<String>> types = new TreeMap<>();
    bpmnModels.forEach(
        (name, model) -> {
          for (final ZeebeTaskDefinition definition :
              model.getModelElementsByType(ZeebeTaskDefinition.class)) {
            add(types, definition.getType(), location(name, definition));
          }
          for (final ZeebeTaskListener listener :
              model.getModelElementsByType(ZeebeTaskListener.class)) {
            add(types, listener.getType(), location(name, listener));
          }
        });
    return types;
  }

  /** The BPMN models, read once, by resource name. */
  static Map<String, BpmnModelInstance> parse(final Map<String, byte[]> bpmnModels) {
    final Map<String, BpmnModelInstance> models = new LinkedHashMap<>();
    bpmnModels.forEach(
        (name, content) ->
            models.put(name, Bpmn.readModelFromStream(new ByteArrayInputStream(content))));
    return models;
  }

  private static void add(
      final Map<String, List<String>> types, final String type, final String location) {
    if (type == null || type.isBlank() || type.startsWith("=")) {
      return;
    }
    types.computeIfAbsent(type.strip(), t -> new ArrayList<>()).add(location);
  }

  /**
   * The Camunda user tasks ({@code zeebe:userTask}) of the models that do not announce themselves
   * to the task inbox: no task listener of the inbox's type on their "creating" event.
   */
  static List<String> userTasksOutsideTheInbox(final Map<String, BpmnModelInstance> bpmnModels) {
    final List<String> outside = new ArrayList<>();
    bpmnModels.forEach(
        (name, model) -> {
          for (final ZeebeUserTask marker : model.getModelElementsByType(ZeebeUserTask.class)) {
            final ModelElementInstance extensions = marker.getParentElement();
            final boolean announced =
                extensions != null
                    && extensions.getChildElementsByType(ZeebeTaskListeners.class).stream()
                        .flatMap(l -> l.getTaskListeners().stream())
                        .anyMatch(
                            l ->
                                l.getEventType() == ZeebeTaskListenerEventType.creating
                                    && UserTaskCollector.TASK_LISTENER_TYPE.equals(l.getType()));
            if (!announced) {
              outside.add(location(name, marker));
            }
          }
        });
    return outside;
  }

  private static String location(final String resource, final ModelElementInstance extension) {
    // the extension sits in the element's bpmn:extensionElements, a listener one level deeper
    ModelElementInstance element = extension.getParentElement();
    while (element != null && !(element instanceof FlowNode)) {
      element = element.getParentElement();
    }
    String process = resource;
    for (ModelElementInstance parent = element; parent != null; ) {
      if (parent instanceof final Process found) {
        process = found.getId();
        break;
      }
      parent = parent.getParentElement();
    }
    final String id = element instanceof final BaseElement base ? base.getId() : "?";
    return process + "/" + id;
  }

  private static Map<String, byte[]> readOwnModels() {
    final Map<String, byte[]> models = new LinkedHashMap<>();
    try {
      for (final Resource model :
          new PathMatchingResourcePatternResolver().getResources(OWN_MODELS)) {
        try (InputStream in = model.getInputStream()) {
          models.put(model.getFilename(), in.readAllBytes());
        }
      }
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot read the models on the classpath", e);
    }
    return models;
  }
}
