package io.pinflow.workers.redrive;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.CreateProcessInstanceCommandStep1.CreateProcessInstanceCommandStep3;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.pinflow.domain.redrive.RedrivePlan;
import io.pinflow.domain.redrive.Redrives;
import io.pinflow.workers.engine.ModelsDeployedEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Restart safety of embedded mode when the engine starts empty (its folder could not be resumed, or
 * {@code pinflow.embedded.engine.resume=false}): every order, after-sales case, listing and
 * campaign that is not finished gets a new process instance, started before the step its stored
 * state points at (the database is the truth), with the variables the rest of the flow needs and
 * its timers re-armed from the stored times. An engine that resumed its last run's state still has
 * their instances: nothing is re-driven ({@link Progress#NOT_NEEDED}).
 *
 * <p>Runs once per engine run, as soon as the models are deployed and the application is ready (the
 * job workers and the Camel routes they call run), and before the outbox dispatcher publishes
 * anything (it waits for {@link RedriveFinishedEvent}): a start message still in the outbox is
 * dropped in favour of the re-drive, so the object gets one instance, not two. Each object is
 * claimed for the engine run first (a second re-drive in the same run finds the claim and starts
 * nothing). The workers are idempotent per business key, so the step the state points at finds an
 * effect done before and does not repeat it. A Camunda cluster keeps its instances: in remote mode
 * this does not exist.
 */
@Component
@ConditionalOnProperty(name = "pinflow.mode", havingValue = "embedded", matchIfMissing = true)
public class ProcessRedriver {

  private static final Logger LOG = LoggerFactory.getLogger(ProcessRedriver.class);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  private static final int ATTEMPTS = 3;

  private final CamundaClient camunda;
  private final Redrives redrives;
  private final List<RedrivePlanner> planners;
  private final ApplicationEventPublisher events;
  private final AtomicBoolean ranThisRun = new AtomicBoolean();
  private volatile boolean modelsDeployed;
  private volatile boolean applicationReady;
  private volatile Progress progress;
  private volatile Map<String, List<Outcome>> lastOutcomes = Map.of();

  ProcessRedriver(
      final CamundaClient camunda,
      final Redrives redrives,
      final OrderRedrivePlanner orders,
      final AfterSalesRedrivePlanner afterSales,
      final ListingRedrivePlanner listings,
      final CampaignRedrivePlanner campaigns,
      final ApplicationEventPublisher events,
      @Value("${pinflow.embedded.redrive.enabled:true}") final boolean onStart,
      @Value("${pinflow.embedded.engine.resumed:false}") final boolean engineResumed) {
    this.camunda = camunda;
    this.redrives = redrives;
    this.events = events;
    // orders first: an after-sales case waiting for its order's cancellation finds it under way
    this.planners = List.of(orders, afterSales, listings, campaigns);
    if (engineResumed) {
      this.progress = Progress.NOT_NEEDED;
    } else {
      this.progress = onStart ? Progress.WAITING : Progress.OFF;
    }
  }

  /** Where the re-drive at start stands; the health component {@code redrive} shows it. */
  public enum Progress {
    OFF,
    /** The engine resumed the state of its last run: every instance is still there. */
    NOT_NEEDED,
    WAITING,
    RUNNING,
    DONE
  }

  public Progress progress() {
    return progress;
  }

  /** Whether the outbox must wait for this start's re-drive. */
  public boolean holdsTheOutbox() {
    return progress == Progress.WAITING || progress == Progress.RUNNING;
  }

  /** What the re-drive at start did, by business type; empty before it ran. */
  public Map<String, List<Outcome>> lastOutcomes() {
    return lastOutcomes;
  }

  /** How one object's re-drive ended. */
  public enum Result {
    STARTED,
    ALREADY_THIS_RUN,
    FINISHED,
    FAILED
  }

  /** One object's re-drive: where, and with which instance. */
  public record Outcome(
      String businessType,
      String businessKey,
      Result result,
      List<String> startBefore,
      Long processInstanceKey,
      String detail) {}

  @EventListener
  public void modelsDeployed(final ModelsDeployedEvent event) {
    modelsDeployed = true;
    redriveOnceReady();
  }

  @EventListener
  public void applicationReady(final ApplicationReadyEvent event) {
    applicationReady = true;
    redriveOnceReady();
  }

  private void redriveOnceReady() {
    if (!modelsDeployed || !applicationReady) {
      return;
    }
    switch (progress) {
      case NOT_NEEDED -> {
        LOG.info("Nothing to re-drive: the engine resumed the instances of its last run");
        return;
      }
      case OFF -> {
        LOG.info("Re-drive at start is off (pinflow.embedded.redrive.enabled=false)");
        return;
      }
      default -> {
        // WAITING: this start re-drives, once
      }
    }
    if (!ranThisRun.compareAndSet(false, true)) {
      return;
    }
    progress = Progress.RUNNING;
    int started = 0;
    int failed = 0;
    try {
      lastOutcomes = redriveAll();
      for (final List<Outcome> ofType : lastOutcomes.values()) {
        started += (int) ofType.stream().filter(o -> o.result() == Result.STARTED).count();
        failed += (int) ofType.stream().filter(o -> o.result() == Result.FAILED).count();
      }
    } catch (final RuntimeException e) {
      LOG.error("Re-drive at start broke off: {}", e.toString(), e);
      failed++;
    } finally {
      progress = Progress.DONE;
      events.publishEvent(new RedriveFinishedEvent(started, failed));
    }
  }

  /**
   * Re-drives every unfinished object; returns what happened to each, by business type. Only once
   * per engine run, before the outbox publishes: an object an outbox message started meanwhile has
   * no claim that would keep a second call from giving it another instance.
   */
  private Map<String, List<Outcome>> redriveAll() {
    final long started = System.nanoTime();
    final Map<String, List<Outcome>> outcomes = new LinkedHashMap<>();
    for (final RedrivePlanner planner : planners) {
      final List<Outcome> ofType = new ArrayList<>();
      for (final String key : planner.unfinished()) {
        ofType.add(redrive(planner, key));
      }
      outcomes.put(planner.businessType(), ofType);
    }
    final Map<String, Long> counts = new LinkedHashMap<>();
    outcomes.forEach(
        (type, list) ->
            counts.put(type, list.stream().filter(o -> o.result() == Result.STARTED).count()));
    final long failed =
        outcomes.values().stream()
            .flatMap(List::stream)
            .filter(o -> o.result() == Result.FAILED)
            .count();
    LOG.info(
        "Re-drove the unfinished business objects after the engine start: {} ({} failed) in {} ms",
        counts,
        failed,
        (System.nanoTime() - started) / 1_000_000);
    return outcomes;
  }

  private Outcome redrive(final RedrivePlanner planner, final String key) {
    final Optional<RedrivePlan> planned;
    try {
      planned = planner.plan(key);
    } catch (final RuntimeException e) {
      LOG.error("Re-drive of {} {} not planned: {}", planner.businessType(), key, e.toString(), e);
      return new Outcome(planner.businessType(), key, Result.FAILED, List.of(), null, e.toString());
    }
    if (planned.isEmpty()) {
      return new Outcome(planner.businessType(), key, Result.FINISHED, List.of(), null, "finished");
    }
    final RedrivePlan plan = planned.get();
    if (!redrives.claim(plan)) {
      LOG.debug("{} re-driven in this engine run already", plan.describe());
      return new Outcome(
          plan.businessType(),
          key,
          Result.ALREADY_THIS_RUN,
          plan.startBefore(),
          null,
          "re-driven in this engine run already");
    }
    RuntimeException failure = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        final ProcessInstanceEvent instance = create(plan);
        redrives.started(plan, instance.getProcessInstanceKey());
        LOG.info(
            "Re-drove {} {}: {} instance {} before {} ({})",
            plan.businessType(),
            key,
            plan.processId(),
            instance.getProcessInstanceKey(),
            plan.startBefore(),
            plan.reason());
        return new Outcome(
            plan.businessType(),
            key,
            Result.STARTED,
            plan.startBefore(),
            instance.getProcessInstanceKey(),
            plan.reason());
      } catch (final RuntimeException e) {
        failure = e;
        sleep(Duration.ofMillis(200L * attempt));
      }
    }
    LOG.error("Re-drive of {} failed: {}", plan.describe(), failure.toString(), failure);
    redrives.failed(plan, failure.toString());
    return new Outcome(
        plan.businessType(), key, Result.FAILED, plan.startBefore(), null, failure.toString());
  }

  private ProcessInstanceEvent create(final RedrivePlan plan) {
    CreateProcessInstanceCommandStep3 command =
        camunda
            .newCreateInstanceCommand()
            .bpmnProcessId(plan.processId())
            .latestVersion()
            .variables(plan.variables());
    for (final String element : plan.startBefore()) {
      command = command.startBeforeElement(element);
    }
    return command.requestTimeout(REQUEST_TIMEOUT).send().join();
  }

  private static void sleep(final Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
