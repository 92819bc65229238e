package io.pinflow.domain.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinflow.domain.common.Page;
import io.pinflow.domain.task.FormField;
import io.pinflow.domain.task.TaskDecision;
import io.pinflow.domain.task.TaskQuery;
import io.pinflow.domain.task.TaskRepository;
import io.pinflow.domain.task.UserTask;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
class JdbcTaskRepository implements TaskRepository {

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  private static final TypeReference<List<FormField>> FIELDS = new TypeReference<>() {};
  private static final TypeReference<Map<String, Object>> OUTCOME = new TypeReference<>() {};
  private static final String COLUMNS =
      "t.task_id, t.engine_key, t.engine_kind, t.process_instance_key, t.process_id, t.element_id, t.name, t.business_key,"
          + " t.order_sn, t.shop_id, t.candidate_groups, t.assignee, t.due_date, t.form_id, t.form_fields,"
          + " t.excluded_user, t.variables, t.status, t.created_at, t.completed_at,"
          + " t.completed_by";
  private static final String OPEN_FILTER =
      " FROM user_tasks t WHERE t.status = 'OPEN'"
          + " AND (t.assignee = :caller OR EXISTS (SELECT 1 FROM user_task_groups g"
          + "   WHERE g.task_id = t.task_id AND g.group_name IN (:groups)))"
          + " AND (:group IS NULL OR EXISTS (SELECT 1 FROM user_task_groups g2"
          + "   WHERE g2.task_id = t.task_id AND g2.group_name = :group))"
          + " AND (:all OR t.shop_id IS NULL OR t.shop_id IN (:shops))"
          + " AND (:assignee IS NULL OR t.assignee = :assignee)"
          + " AND (:businessKey IS NULL OR t.business_key = :businessKey)";

  private final JdbcClient jdbc;
  private final String engineRun;

  JdbcTaskRepository(
      final JdbcClient jdbc, @Value("${pinflow.engine.run-id:cluster}") final String engineRun) {
    this.jdbc = jdbc;
    this.engineRun = engineRun;
  }

  @Override
  @Transactional
  public boolean insertIfAbsent(final UserTask task) {
    try {
      jdbc.sql(
              "INSERT INTO user_tasks (task_id, engine_run, engine_key, engine_kind, process_instance_key,"
                  + " process_id, element_id, name, business_key, order_sn, shop_id, candidate_groups,"
                  + " assignee, due_date, form_id, form_fields, excluded_user, variables, status,"
                  + " created_at) VALUES (:id, :run, :engineKey, :kind, :instance, :process, :element,"
                  + " :name, :businessKey, :orderSn, :shop, :groups, :assignee, :due, :formId, :fields,"
                  + " :excluded, :variables, :status, :created)")
          .param("id", task.taskId())
          .param("run", engineRun)
          .param("engineKey", task.engineKey())
          .param("kind", task.kind().name())
          .param("instance", task.processInstanceKey())
          .param("process", task.processId())
          .param("element", task.elementId())
          .param("name", task.name())
          .param("businessKey", task.businessKey())
          .param("orderSn", task.orderSn())
          .param("shop", task.shopId())
          .param("groups", String.join(",", task.candidateGroups()))
          .param("assignee", task.assignee())
          .param("due", Sql.timestamp(task.dueDate()))
          .param("formId", task.formId())
          .param("fields", write(task.formFields()))
          .param("excluded", task.excludedUser())
          .param("variables", task.variablesJson())
          .param("status", task.status().name())
          .param("created", Sql.timestamp(task.createdAt()))
          .update();
    } catch (final DuplicateKeyException redelivered) {
      return false;
    }
    for (final String group : task.candidateGroups()) {
      jdbc.sql("INSERT INTO user_task_groups (group_name, task_id) VALUES (:group, :id)")
          .param("group", group)
          .param("id", task.taskId())
          .update();
    }
    return true;
  }

  /**
   * The task of an object re-driven in this engine run (claimed before its instance was created)
   * takes over the task of the same step its earlier instance left open at the restart (same
   * process, step, object and groups): same id, claim and creation time; the new engine run's task
   * key, instance, due date and variables.
   */
  @Override
  public Optional<String> reopenLeftByRestart(final UserTask task) {
    if (task.businessKey() == null) {
      return Optional.empty();
    }
    final List<String> left =
        jdbc
            .sql(
                "SELECT t.task_id, t.candidate_groups FROM user_tasks t WHERE t.business_key ="
                    + " :businessKey AND t.element_id = :element AND t.restart_closed AND"
                    + " t.process_id = :process AND t.engine_run <> :run AND EXISTS (SELECT 1"
                    + " FROM process_redrives r WHERE r.engine_run = :run AND"
                    + " r.business_key = t.business_key AND r.process_id = t.process_id)"
                    + " ORDER BY t.created_at DESC, t.task_id DESC")
            .param("businessKey", task.businessKey())
            .param("element", task.elementId())
            .param("process", task.processId())
            .param("run", engineRun)
            .query(
                (rs, row) ->
                    groups(rs.getString("candidate_groups")).equals(task.candidateGroups())
                        ? rs.getString("task_id")
                        : null)
            .list()
            .stream()
            .filter(java.util.Objects::nonNull)
            .limit(1)
            .toList();
    if (left.isEmpty()) {
      return Optional.empty();
    }
    try {
      final boolean reopened =
          jdbc.sql(
                      "UPDATE user_tasks SET engine_run = :run, engine_key = :engineKey, engine_kind = :kind,"
                          + " process_instance_key = :instance, due_date = :due, variables = :variables,"
                          + " excluded_user = :excluded, status = 'OPEN', completed_at = NULL,"
                          + " completed_by = NULL, outcome = NULL, restart_closed = FALSE"
                          + " WHERE task_id = :id AND restart_closed")
                  .param("run", engineRun)
                  .param("engineKey", task.engineKey())
                  .param("kind", task.kind().name())
                  .param("instance", task.processInstanceKey())
                  .param("due", Sql.timestamp(task.dueDate()))
                  .param("variables", task.variablesJson())
                  .param("excluded", task.excludedUser())
                  .param("id", left.getFirst())
                  .update()
              == 1;
      return reopened ? Optional.of(left.getFirst()) : Optional.empty();
    } catch (final DuplicateKeyException redelivered) {
      return Optional.empty();
    }
  }

  @Override
  public int cancelTasksOfEarlierEngineRuns(final Instant at) {
    return jdbc.sql(
            "UPDATE user_tasks SET status = 'CANCELED', completed_at = :at, restart_closed = TRUE"
                + " WHERE status IN ('OPEN', 'COMPLETING') AND engine_run <> :run")
        .param("at", Sql.timestamp(at))
        .param("run", engineRun)
        .update();
  }

  @Override
  public boolean complete(
      final String taskId, final String by, final Instant at, final Map<String, Object> variables) {
    return jdbc.sql(
                "UPDATE user_tasks SET status = 'COMPLETED', completed_by = COALESCE(:by,"
                    + " completed_by), completed_at = :at, outcome = :outcome"
                    + " WHERE task_id = :id AND status = 'COMPLETING'")
            .param("by", by)
            .param("at", Sql.timestamp(at))
            .param("outcome", writeOutcome(variables))
            .param("id", taskId)
            .update()
        == 1;
  }

  @Override
  public List<TaskDecision> decisions(final String businessKey) {
    return jdbc.sql(
            "SELECT task_id, process_id, element_id, status, created_at, completed_at,"
                + " completed_by, outcome FROM user_tasks WHERE business_key = :key"
                + " ORDER BY created_at, task_id")
        .param("key", businessKey)
        .query(
            (rs, row) ->
                new TaskDecision(
                    rs.getString("task_id"),
                    rs.getString("process_id"),
                    rs.getString("element_id"),
                    UserTask.Status.valueOf(rs.getString("status")),
                    Sql.instant(rs, "created_at"),
                    Sql.instant(rs, "completed_at"),
                    rs.getString("completed_by"),
                    readOutcome(rs.getString("outcome"))))
        .list();
  }

  @Override
  public Optional<UserTask> find(final String taskId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM user_tasks t WHERE t.task_id = :id")
        .param("id", taskId)
        .query(JdbcTaskRepository::map)
        .optional();
  }

  @Override
  public Optional<UserTask> ofEngine(final long engineKey) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM user_tasks t WHERE t.engine_run = :run AND t.engine_key = :key")
        .param("run", engineRun)
        .param("key", engineKey)
        .query(JdbcTaskRepository::map)
        .optional();
  }

  @Override
  public Page<UserTask> open(final TaskQuery query) {
    if (query.scope().isEmpty()) {
      return new Page<>(List.of(), query.page().page(), query.page().size(), 0);
    }
    final Map<String, Object> params =
        Sql.params(
            "caller", query.caller(),
            "groups", Sql.inList(query.groups()),
            "group", query.candidateGroup(),
            "all", query.scope().all(),
            "shops", Sql.inList(query.scope().shops()),
            "assignee", query.assignee(),
            "businessKey", query.businessKey());
    final long total =
        jdbc.sql("SELECT COUNT(*)" + OPEN_FILTER).params(params).query(Long.class).single();
    final List<UserTask> items =
        jdbc.sql(
                "SELECT "
                    + COLUMNS
                    + OPEN_FILTER
                    + " ORDER BY t.due_date IS NULL, t.due_date, t.created_at, t.task_id"
                    + " LIMIT :limit OFFSET :offset")
            .params(params)
            .param("limit", query.page().size())
            .param("offset", query.page().offset())
            .query(JdbcTaskRepository::map)
            .list();
    return new Page<>(items, query.page().page(), query.page().size(), total);
  }

  @Override
  public boolean transition(
      final String taskId,
      final UserTask.Status from,
      final UserTask.Status to,
      final String by,
      final Instant at) {
    final boolean closing = to == UserTask.Status.COMPLETED || to == UserTask.Status.CANCELED;
    return jdbc.sql(
                "UPDATE user_tasks SET status = :to,"
                    + " completed_by = CASE WHEN :to = 'OPEN' THEN NULL ELSE COALESCE(:by,"
                    + " completed_by) END,"
                    + " completed_at = CASE WHEN :closing THEN :at ELSE completed_at END"
                    + " WHERE task_id = :id AND status = :from")
            .param("to", to.name())
            .param("by", by)
            .param("closing", closing)
            .param("at", Sql.timestamp(at))
            .param("id", taskId)
            .param("from", from.name())
            .update()
        == 1;
  }

  @Override
  public boolean claim(final String taskId, final String assignee) {
    return jdbc.sql(
                "UPDATE user_tasks SET assignee = :assignee WHERE task_id = :id"
                    + " AND status = 'OPEN' AND (assignee IS NULL OR assignee = :assignee)")
            .param("assignee", assignee)
            .param("id", taskId)
            .update()
        == 1;
  }

  @Override
  public List<UserTask> inStatus(final List<UserTask.Status> statuses, final int limit) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM user_tasks t WHERE t.engine_run = :run AND t.status IN (:statuses)"
                + " ORDER BY t.created_at LIMIT :limit")
        .param("run", engineRun)
        .param("statuses", statuses.stream().map(Enum::name).toList())
        .param("limit", limit)
        .query(JdbcTaskRepository::map)
        .list();
  }

  @Override
  public List<UserTask> forBusinessKey(final String businessKey) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM user_tasks t WHERE t.business_key = :key ORDER BY t.created_at")
        .param("key", businessKey)
        .query(JdbcTaskRepository::map)
        .list();
  }

  private static Set<String> groups(final String stored) {
    return Arrays.stream(stored.split(",")).filter(g -> !g.isBlank()).collect(Collectors.toSet());
  }

  private static UserTask map(final ResultSet rs, final int row) throws SQLException {
    final Set<String> groups = groups(rs.getString("candidate_groups"));
    return new UserTask(
        rs.getString("task_id"),
        rs.getLong("engine_key"),
        UserTask.Kind.valueOf(rs.getString("engine_kind")),
        rs.getLong("process_instance_key"),
        rs.getString("process_id"),
        rs.getString("element_id"),
        rs.getString("name"),
        rs.getString("business_key"),
        rs.getString("order_sn"),
        rs.getString("shop_id"),
        groups,
        rs.getString("assignee"),
        Sql.instant(rs, "due_date"),
        rs.getString("form_id"),
        read(rs.getString("form_fields")),
        rs.getString("excluded_user"),
        rs.getString("variables"),
        UserTask.Status.valueOf(rs.getString("status")),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "completed_at"),
        rs.getString("completed_by"));
  }

  private static String writeOutcome(final Map<String, Object> variables) {
    try {
      return variables == null || variables.isEmpty() ? null : JSON.writeValueAsString(variables);
    } catch (final JsonProcessingException e) {
      return null;
    }
  }

  private static Map<String, Object> readOutcome(final String json) {
    if (json == null) {
      return Map.of();
    }
    try {
      return JSON.readValue(json, OUTCOME);
    } catch (final JsonProcessingException e) {
      return Map.of();
    }
  }

  private static String write(final List<FormField> fields) {
    try {
      return JSON.writeValueAsString(fields);
    } catch (final JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<FormField> read(final String json) {
    if (json == null) {
      return List.of();
    }
    try {
      return JSON.readValue(json, FIELDS);
    } catch (final JsonProcessingException e) {
      throw new IllegalStateException("stored form fields unreadable", e);
    }
  }
}
