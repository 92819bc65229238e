package io.pinflow.domain.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinflow.domain.access.ShopScope;
import io.pinflow.domain.common.PageRequest;
import io.pinflow.domain.redrive.RedrivePlan;
import io.pinflow.domain.task.FormField;
import io.pinflow.domain.task.TaskDecision;
import io.pinflow.domain.task.TaskQuery;
import io.pinflow.domain.task.UserTask;
import io.pinflow.domain.task.UserTask.Status;
import io.pinflow.domain.testing.TestDatabase;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class JdbcTaskRepositoryTest {

  private static final AtomicLong KEYS = new AtomicLong(System.nanoTime());
  private final JdbcTaskRepository tasks = new JdbcTaskRepository(TestDatabase.jdbc(), "run-1");

  @Test
  void openTasksAreListedForTheirGroupsAndShopsOnly() {
    final String businessKey = "bk-" + KEYS.incrementAndGet();
    final UserTask task = task(businessKey, "shop-a", Set.of("OPS", "OPS_LEAD"));
    assertThat(tasks.insertIfAbsent(task)).isTrue();
    assertThat(tasks.insertIfAbsent(task)).isFalse();

    assertThat(find(Set.of("OPS"), ShopScope.everything(), null, businessKey)).hasSize(1);
    assertThat(find(Set.of("OPS_LEAD"), ShopScope.of(Set.of("shop-a")), null, businessKey))
        .hasSize(1);
    assertThat(find(Set.of("OPS", "WAREHOUSE"), ShopScope.everything(), "OPS_LEAD", businessKey))
        .hasSize(1);
    assertThat(find(Set.of("WAREHOUSE"), ShopScope.everything(), null, businessKey)).isEmpty();
    assertThat(find(Set.of("OPS"), ShopScope.of(Set.of("shop-b")), null, businessKey)).isEmpty();
    assertThat(find(Set.of("OPS"), ShopScope.everything(), "WAREHOUSE", businessKey)).isEmpty();
  }

  @Test
  void aTaskIsFoundByItsEngineKeyWithinItsEngineRunOnly() {
    final UserTask task = task("bk-" + KEYS.incrementAndGet(), "shop-a", Set.of("OPS"));
    tasks.insertIfAbsent(task);
    final var otherRun =
        new JdbcTaskRepository(TestDatabase.jdbc(), "run-" + KEYS.incrementAndGet());

    assertThat(tasks.ofEngine(task.engineKey())).map(UserTask::taskId).hasValue(task.taskId());
    assertThat(tasks.ofEngine(task.engineKey() + 1)).isEmpty();
    assertThat(otherRun.ofEngine(task.engineKey())).isEmpty();
  }

  @Test
  void theSameJobKeyInAnotherEngineRunIsAnotherTask() {
    final UserTask task = task("bk-" + KEYS.incrementAndGet(), "shop-a", Set.of("OPS"));
    tasks.insertIfAbsent(task);
    final var nextRun = new JdbcTaskRepository(TestDatabase.jdbc(), "run-2");

    final int closed = nextRun.cancelTasksOfEarlierEngineRuns(Instant.now());
    final boolean added =
        nextRun.insertIfAbsent(
            new UserTask(
                "t2-" + task.engineKey(),
                task.engineKey(),
                task.kind(),
                2L,
                "process",
                "TaskX",
                "Do X",
                task.businessKey(),
                null,
                "shop-a",
                Set.of("OPS"),
                null,
                null,
                null,
                List.of(),
                null,
                "{}",
                Status.OPEN,
                Instant.now(),
                null,
                null));

    assertThat(closed).isPositive();
    assertThat(added).isTrue();
    assertThat(tasks.find(task.taskId()).orElseThrow().status()).isEqualTo(Status.CANCELED);
  }

  @Test
  void aTaskMovesOnlyFromTheStateItIsIn() {
    final UserTask task = task("bk-" + KEYS.incrementAndGet(), "shop-a", Set.of("OPS"));
    tasks.insertIfAbsent(task);
    final Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

    assertThat(tasks.claim(task.taskId(), "ann")).isTrue();
    assertThat(tasks.claim(task.taskId(), "bob")).isFalse();
    assertThat(tasks.transition(task.taskId(), Status.OPEN, Status.COMPLETING, "ann", now))
        .isTrue();
    assertThat(tasks.transition(task.taskId(), Status.OPEN, Status.COMPLETING, "bob", now))
        .isFalse();
    assertThat(tasks.transition(task.taskId(), Status.COMPLETING, Status.COMPLETED, "ann", now))
        .isTrue();

    final UserTask done = tasks.find(task.taskId()).orElseThrow();
    assertThat(done.status()).isEqualTo(Status.COMPLETED);
    assertThat(done.completedBy()).isEqualTo("ann");
    assertThat(done.completedAt()).isEqualTo(now);
    assertThat(done.assignee()).isEqualTo("ann");
    assertThat(done.formFields()).isEqualTo(task.formFields());
  }

  @Test
  void theTaskOfAReDrivenInstanceOpensAgainUnderItsIdWithItsClaim() {
    final String businessKey = "bk-" + KEYS.incrementAndGet();
    final String run1 = "run-" + KEYS.incrementAndGet();
    final String run2 = "run-" + KEYS.incrementAndGet();
    final var before = new JdbcTaskRepository(TestDatabase.jdbc(), run1);
    final UserTask left = task(businessKey, "shop-a", Set.of("OPS", "OPS_LEAD"));
    before.insertIfAbsent(left);
    before.claim(left.taskId(), "ann");
    final var after = new JdbcTaskRepository(TestDatabase.jdbc(), run2);
    after.cancelTasksOfEarlierEngineRuns(Instant.now());
    final var redrives = new JdbcRedriveRepository(TestDatabase.jdbc(), run2);
    final RedrivePlan plan =
        new RedrivePlan(
            "ORDER",
            businessKey,
            null,
            "shop-a",
            "process",
            List.of("TaskX"),
            Map.of(),
            "test",
            List.of(),
            List.of());
    redrives.claim(plan, Instant.now());
    redrives.started(plan, 77L, Instant.now());

    final UserTask again =
        taskOfInstance(task(businessKey, "shop-a", Set.of("OPS_LEAD", "OPS")), 77L);
    final Optional<String> takenOver = after.reopenLeftByRestart(again);

    assertThat(takenOver).contains(left.taskId());
    assertThat(after.find(again.taskId())).isEmpty();
    final UserTask reopened = after.find(left.taskId()).orElseThrow();
    assertThat(reopened.status()).isEqualTo(Status.OPEN);
    assertThat(reopened.assignee()).isEqualTo("ann");
    assertThat(reopened.engineKey()).isEqualTo(again.engineKey());
    assertThat(reopened.processInstanceKey()).isEqualTo(77L);
    assertThat(reopened.createdAt()).isEqualTo(left.createdAt());
    // nothing left to take over: the same step again is a task of its own
    assertThat(after.reopenLeftByRestart(again)).isEmpty();
  }

  @Test
  void aTaskOfAnInstanceNotReDrivenIsANewTaskBesideTheOneTheRestartClosed() {
    final String businessKey = "bk-" + KEYS.incrementAndGet();
    final var before = new JdbcTaskRepository(TestDatabase.jdbc(), "run-" + KEYS.incrementAndGet());
    final UserTask left = task(businessKey, "shop-a", Set.of("OPS"));
    before.insertIfAbsent(left);
    final var after = new JdbcTaskRepository(TestDatabase.jdbc(), "run-" + KEYS.incrementAndGet());
    after.cancelTasksOfEarlierEngineRuns(Instant.now());

    final UserTask fresh = taskOfInstance(task(businessKey, "shop-a", Set.of("OPS")), 78L);
    assertThat(after.reopenLeftByRestart(fresh)).isEmpty();
    assertThat(after.insertIfAbsent(fresh)).isTrue();

    assertThat(after.find(fresh.taskId()).orElseThrow().status()).isEqualTo(Status.OPEN);
    assertThat(after.find(left.taskId()).orElseThrow().status()).isEqualTo(Status.CANCELED);
  }

  @Test
  void aDecisionIsKeptWithTheCompletedTask() {
    final String businessKey = "bk-" + KEYS.incrementAndGet();
    final UserTask task = task(businessKey, "shop-a", Set.of("OPS"));
    tasks.insertIfAbsent(task);
    final Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    tasks.transition(task.taskId(), Status.OPEN, Status.COMPLETING, "ann", now);

    assertThat(tasks.complete(task.taskId(), "ann", now, Map.of("decision", "A", "comment", "ok")))
        .isTrue();
    assertThat(tasks.complete(task.taskId(), "ann", now, Map.of("decision", "B"))).isFalse();

    final List<TaskDecision> decisions = tasks.decisions(businessKey);
    assertThat(decisions).hasSize(1);
    assertThat(decisions.getFirst().decided()).isTrue();
    assertThat(decisions.getFirst().text("decision")).isEqualTo("A");
    assertThat(decisions.getFirst().completedBy()).isEqualTo("ann");
    assertThat(decisions.getFirst().completedAt()).isEqualTo(now);
  }

  private static UserTask taskOfInstance(final UserTask task, final long instanceKey) {
    return new UserTask(
        task.taskId(),
        task.engineKey(),
        task.kind(),
        instanceKey,
        task.processId(),
        task.elementId(),
        task.name(),
        task.businessKey(),
        task.orderSn(),
        task.shopId(),
        task.candidateGroups(),
        task.assignee(),
        task.dueDate(),
        task.formId(),
        task.formFields(),
        task.excludedUser(),
        task.variablesJson(),
        task.status(),
        task.createdAt(),
        task.completedAt(),
        task.completedBy());
  }

  private List<UserTask> find(
      final Set<String> groups,
      final ShopScope scope,
      final String group,
      final String businessKey) {
    return tasks
        .open(
            new TaskQuery(
                "someone", groups, scope, group, null, businessKey, new PageRequest(0, 10)))
        .items();
  }

  private static UserTask task(
      final String businessKey, final String shop, final Set<String> groups) {
    final long jobKey = KEYS.incrementAndGet();
    return new UserTask(
        "t" + jobKey,
        jobKey,
        UserTask.Kind.CAMUNDA_USER_TASK,
        1L,
        "process",
        "TaskX",
        "Do X",
        businessKey,
        null,
        shop,
        groups,
        null,
        null,
        "form-x",
        List.of(new FormField("decision", "radio", true, List.of("A", "B"), null, null, null)),
        null,
        "{}",
        Status.OPEN,
        Instant.now().truncatedTo(ChronoUnit.MICROS),
        null,
        null);
  }
}
