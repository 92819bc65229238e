package io.pinflow.workers.usertask;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
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
 * Collects the engine's job-worker user tasks into the task inbox. The jobs stay activated (locked
 * for {@link JobWorkerUserTaskEngine#LOCK}, renewed by the inbox's sweep) until a person completes
 * the task; a redelivered job is recognised by its key and changes nothing.
 */
@Component
public class UserTaskCollector {

  public static final String JOB_TYPE = "io.camunda.zeebe:userTask";

  /** Custom header naming the variable that holds the user who may not complete the task. */
  public static final String FOUR_EYES_HEADER = "pinflow.fourEyesExcludes";

  private static final Logger LOG = LoggerFactory.getLogger(UserTaskCollector.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_VARIABLES_JSON = 60_000;

  private final TaskInbox inbox;
  private final FormRepository forms;
  private final DeployedModels models;
  private JobWorker worker;

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
  }

  @EventListener
  public synchronized void close(final CamundaClientClosingSpringEvent event) {
    if (worker != null) {
      worker.close();
      worker = null;
    }
  }

  void collect(final JobClient client, final ActivatedJob job) {
    final Map<String, String> headers = job.getCustomHeaders();
    final Map<String, Object> variables = job.getVariablesAsMap();
    final String formKey = headers.get("io.camunda.zeebe:formKey");
    final FormSchema.Parsed form = form(formKey);
    final String excludedVariable = headers.get(FOUR_EYES_HEADER);
    inbox.collect(
        new UserTask(
            Secrets.randomToken(16),
            job.getKey(),
            job.getProcessInstanceKey(),
            job.getBpmnProcessId(),
            job.getElementId(),
            models.elementName(job.getBpmnProcessId(), job.getElementId()),
            text(variables.get("businessKey")),
            text(variables.get("orderSn")),
            text(variables.get("shopId")),
            candidateGroups(headers.get("io.camunda.zeebe:candidateGroups")),
            headers.get("io.camunda.zeebe:assignee"),
            instant(headers.get("io.camunda.zeebe:dueDate")),
            form == null ? null : form.formId(),
            form == null ? List.<FormField>of() : form.fields(),
            excludedVariable == null ? null : text(variables.get(excludedVariable)),
            json(variables),
            UserTask.Status.OPEN,
            Instant.now(),
            null,
            null));
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
