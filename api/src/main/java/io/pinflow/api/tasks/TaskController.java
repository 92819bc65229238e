package io.pinflow.api.tasks;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinflow.api.audit.AuditRecord;
import io.pinflow.api.audit.Audited;
import io.pinflow.api.security.CurrentActor;
import io.pinflow.domain.common.Page;
import io.pinflow.domain.common.PageRequest;
import io.pinflow.domain.task.FormField;
import io.pinflow.domain.task.TaskInbox;
import io.pinflow.domain.task.UserTask;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The task inbox: only tasks of the caller's roles and shops. */
@RestController
@RequestMapping("/api/tasks")
public class TaskController {

  private final TaskInbox inbox;
  private final ObjectMapper json;

  public TaskController(final TaskInbox inbox, final ObjectMapper json) {
    this.inbox = inbox;
    this.json = json;
  }

  public record FormFieldView(String key, String type, boolean required, List<String> values) {

    static FormFieldView of(final FormField field) {
      return new FormFieldView(
          field.key(), field.type(), field.required(), field.hasChoices() ? field.values() : null);
    }
  }

  public record TaskView(
      String taskId,
      String name,
      String processId,
      String elementId,
      String businessKey,
      String shopId,
      Set<String> candidateGroups,
      String assignee,
      Instant dueDate,
      String formId,
      List<FormFieldView> formFields,
      String status,
      Instant createdAt,
      Instant completedAt,
      String completedBy,
      Map<String, Object> variables) {}

  public record Completion(Map<String, Object> variables) {}

  @GetMapping
  public Page<TaskView> list(
      @RequestParam(required = false) final String candidateGroup,
      @RequestParam(required = false) final String assignee,
      @RequestParam(required = false) final String businessKey,
      @RequestParam(required = false) final Integer page,
      @RequestParam(required = false) final Integer size) {
    return inbox
        .list(CurrentActor.get(), candidateGroup, assignee, businessKey, PageRequest.of(page, size))
        .map(task -> view(task, false));
  }

  @GetMapping("/{taskId}")
  public TaskView get(@PathVariable final String taskId) {
    return view(inbox.get(CurrentActor.get(), taskId), true);
  }

  @PostMapping("/{taskId}/claim")
  @Audited(action = "task.claim", target = "TASK")
  public TaskView claim(@PathVariable final String taskId) {
    final UserTask task = inbox.claim(CurrentActor.get(), taskId);
    AuditRecord.current().shop(task.shopId()).detail(task.name() + " of " + task.businessKey());
    return view(task, true);
  }

  @PostMapping("/{taskId}/complete")
  @Audited(action = "task.complete", target = "TASK")
  public TaskView complete(
      @PathVariable final String taskId, @RequestBody(required = false) final Completion body) {
    final var actor = CurrentActor.get();
    final UserTask visible = inbox.get(actor, taskId);
    AuditRecord.current().shop(visible.shopId()).detail(describe(visible, body));
    final UserTask task = inbox.complete(actor, taskId, body == null ? Map.of() : body.variables());
    return view(task, true);
  }

  private static String describe(final UserTask task, final Completion body) {
    final Object decision =
        body == null || body.variables() == null ? null : body.variables().get("decision");
    return task.name()
        + " of "
        + task.businessKey()
        + (decision == null ? "" : ": decision=" + decision);
  }

  private TaskView view(final UserTask task, final boolean withVariables) {
    return new TaskView(
        task.taskId(),
        task.name(),
        task.processId(),
        task.elementId(),
        task.businessKey(),
        task.shopId(),
        new TreeSet<>(task.candidateGroups()),
        task.assignee(),
        task.dueDate(),
        task.formId(),
        task.formFields().stream().map(FormFieldView::of).toList(),
        task.status().name(),
        task.createdAt(),
        task.completedAt(),
        task.completedBy(),
        withVariables ? variables(task.variablesJson()) : null);
  }

  private Map<String, Object> variables(final String stored) {
    if (stored == null) {
      return Map.of();
    }
    try {
      return json.readValue(stored, new TypeReference<Map<String, Object>>() {});
    } catch (final IOException e) {
      return Map.of();
    }
  }
}
