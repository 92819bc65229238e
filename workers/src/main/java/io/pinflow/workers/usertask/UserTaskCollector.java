package io.pinflow.workers.usertask;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.UserTaskProperties;
import io.camunda.client.api.worker.JobClient;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.client.spring.event.CamundaClientClosingSpringEvent;
import io.camunda.client.spring.event.CamundaClientCreatedSpringEvent;
import io.pinflow.domain.access.Secrets;
import io.pinflow.domain.task.FormField;
import io.pinflow.domain.task.FormRepository;
import io.pinflow.domain.task.FormSchema;
import io.pinflow.domain.task.TaskInbox;
import io.pinflow.domain.task.UserTask;
import io.pinflow.workers.engine.DeployedModels;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Collects the engine's user tasks into the task inbox.
 *
 * <p>Camunda user tasks ({@code zeebe:userTask}, Pinflow's own models) announce themselves through
 * a task listener on their "creating" event of type {@link #TASK_LISTENER_TYPE}: its job carries
 * the process variables and the task's properties; the task is stored, then the listener job
 * completed, which lets the engine create the task. A redelivered listener job finds the task
 * stored and changes nothing. The same works on a Camunda cluster.
 *
 * <p>Job-worker user tasks (models deployed from outside that still use them) are jobs of type
 * {@link #JOB_TYPE}; they stay activated (locked for {@link JobWorkerUserTaskEngine#LOCK}, renewed
 * by the inbox's sweep) until a person completes the task.
 */
@Component
public class UserTaskCollector {

  /** The job type of job-worker user tasks. */
  public static final String JOB_TYPE = "io.camunda.zeebe:userTask";

  /**
   * The job type of the task listener every Camunda user task declares for its "creating" event:
   * {@code <zeebe:taskListener eventType="creating" type="pinflow.task-inbox.collect" />}.
   */
  public static final String TASK_LISTENER_TYPE = "pinflow.task-inbox.collect";

  private static final String HEADER_PREFIX = "io.camunda.zeebe:";

  /** Custom header naming the variable that holds the user who may not complete the task. */
  public static final String FOUR_EYES_HEADER = "pinflow.fourEyesExcludes";

  private static final Logger LOG = LoggerFactory.getLogger(UserTaskCollector.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_VARIABLES_JSON = 60_000;

  private final TaskInbox inbox;
  private final FormRepository forms;
  private final DeployedModels models;
  private JobWorker worker;
  private JobWorker listener;

  public UserTaskCollector(
      final TaskInbox inbox, final FormRepository forms, final DeployedModels models) {
    this.inbox = inbox;
    this.forms = forms;
    this.models = models;
  }

  @EventListener
  public synchronized void open(final CamundaClientCreatedSpringEvent event) {
    final CamundaClient client = event.getClient();
    inbox.closeTasksOfEarlierEngineRuns();
    worker =
        client
            .newWorker()
            .jobType(JOB_TYPE)
            .handler(this::collect)
            .name("pinflow-task-inbox")
            .timeout(JobWorkerUserTaskEngine.LOCK)
            .maxJobsActive(64)
            .streamEnabled(true)
            .open();
    listener =
        client
            .newWorker()
            .jobType(TASK_LISTENER_TYPE)
            .handler(this::created)
            .name("pinflow-task-inbox")
            .timeout(Duration.ofMinutes(1))
            .maxJobsActive(64)
            .streamEnabled(true)
            .open();
  }

  @EventListener
  public synchronized void close(final CamundaClientClosingSpringEvent event) {
    if (worker != null) {
      worker.close();
      worker = null;
    }
    if (listener != null) {
      listener.close();
      listener = null;
    }
  }

  /** A job-worker user task: stored; its job stays activated until the task is completed. */
  void collect(final JobClient client, final ActivatedJob job) {
    final Map<String, String> headers = job.getCustomHeaders();
    inbox.collect(
        task(
            job,
            job.getKey(),
            UserTask.Kind.JOB_WORKER,
            headers.get(HEADER_PREFIX + "formKey"),
            candidateGroups(headers.get(HEADER_PREFIX + "candidateGroups")),
            headers.get(HEADER_PREFIX + "assignee"),
            instant(headers.get(HEADER_PREFIX + "dueDate"))));
  }

  /**
   * A Camunda user task being created: stored, then its listener job completed so the engine
   * creates it. The task's properties come as the job's user-task properties from a cluster's
   * gateway, as job headers from the embedded engine's.
   */
  void created(final JobClient client, final ActivatedJob job) {
    final Map<String, String> headers = job.getCustomHeaders();
    final UserTaskProperties properties = job.getUserTask();
    final Long key =
        properties != null && properties.getUserTaskKey() != null
            ? properties.getUserTaskKey()
            : longHeader(headers, "userTaskKey");
    if (key == null) {
      throw new IllegalArgumentException(
          "job "
              + job.getKey()
              + " of type "
              + job.getType()
              + " is not a user task listener's job (no user task key); "
              + TASK_LISTENER_TYPE
              + " belongs on <zeebe:taskListener eventType=\"creating\"> of a zeebe:userTask");
    }
    final Long formKey =
        properties != null && properties.getFormKey() != null
            ? properties.getFormKey()
            : longHeader(headers, "formKey");
    inbox.collect(
        task(
            job,
            key,
            UserTask.Kind.CAMUNDA_USER_TASK,
            formKey == null ? null : formKey.toString(),
            properties != null && properties.getCandidateGroups() != null
                ? new LinkedHashSet<>(properties.getCandidateGroups())
                : candidateGroups(headers.get(HEADER_PREFIX + "candidateGroups")),
            properties != null && properties.getAssignee() != null
                ? properties.getAssignee()
                : headers.get(HEADER_PREFIX + "assignee"),
            properties != null && properties.getDueDate() != null
                ? properties.getDueDate().toInstant()
                : instant(headers.get(HEADER_PREFIX + "dueDate"))));
    client.newCompleteCommand(job).send().join();
  }

  private UserTask task(
      final ActivatedJob job,
      final long engineKey,
      final UserTask.Kind kind,
      final String formKey,
      final Set<String> candidateGroups,
      final String assignee,
      final Instant dueDate) {
    final Map<String, Object> variables = job.getVariablesAsMap();
    final FormSchema.Parsed form = form(formKey);
    final String excludedVariable = job.getCustomHeaders().get(FOUR_EYES_HEADER);
    return new UserTask(
        Secrets.randomToken(16),
        engineKey,
        kind,
        job.getProcessInstanceKey(),
        job.getBpmnProcessId(),
        job.getElementId(),
        models.elementName(job.getBpmnProcessId(), job.getElementId()),
        text(variables.get("businessKey")),
        text(variables.get("orderSn")),
        text(variables.get("shopId")),
        candidateGroups,
        assignee == null || assignee.isBlank() ? null : assignee,
        dueDate,
        form == null ? null : form.formId(),
        form == null ? List.<FormField>of() : form.fields(),
        excludedVariable == null ? null : text(variables.get(excludedVariable)),
        json(variables),
        UserTask.Status.OPEN,
        Instant.now(),
        null,
        null);
  }

  private static Long longHeader(final Map<String, String> headers, final String name) {
    final String value = headers.get(HEADER_PREFIX + name);
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Long.parseLong(value.strip());
    } catch (final NumberFormatException e) {
      return null;
    }
  }

  private FormSchema.Parsed form(final String formKey) {
    if (formKey == null || formKey.isBlank()) {
      return null;
    }
    try {
      return forms.schema(Long.parseLong(formKey)).map(FormSchema::parse).orElse(null);
    } catch (final NumberFormatException e) {
      LOG.warn(
          "Task form key '{}' is not a deployed form's key; the form is not validated", formKey);
      return null;
    }
  }

  static Set<String> candidateGroups(final String header) {
    if (header == null || header.isBlank()) {
      return Set.of();
    }
    try {
      return new LinkedHashSet<>(JSON.readValue(header, new TypeReference<List<String>>() {}));
    } catch (final JsonProcessingException notJson) {
      final Set<String> groups = new LinkedHashSet<>();
      for (final String group : header.split(",")) {
        if (!group.isBlank()) {
          groups.add(group.strip());
        }
      }
      return groups;
    }
  }

  private static Instant instant(final String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return ZonedDateTime.parse(value).toInstant();
    } catch (final DateTimeParseException e) {
      LOG.warn(
          "Task due date '{}' is not an ISO-8601 date-time with offset or zone; ignored", value);
      return null;
    }
  }

  private static String text(final Object value) {
    return value == null ? null : value.toString();
  }

  private static String json(final Map<String, Object> variables) {
    try {
      final String json = JSON.writeValueAsString(variables);
      return json.length() <= MAX_VARIABLES_JSON ? json : null;
    } catch (final JsonProcessingException e) {
      return null;
    }
  }
}
