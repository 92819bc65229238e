package io.pinflow.workers.engine;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientHttpException;
import io.camunda.client.api.command.ClientStatusException;
import io.grpc.Status;
import io.grpc.Status.Code;
import io.pinflow.domain.jdbc.OutboxWakeUp;
import io.pinflow.domain.outbox.Outbox;
import io.pinflow.domain.outbox.OutboxMessage;
import io.pinflow.domain.outbox.PendingMessage;
import io.pinflow.workers.redrive.ProcessRedriver;
import io.pinflow.workers.redrive.RedriveFinishedEvent;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Publishes the outbox's messages to the engine: right after the commit that stored them, and again
 * on a short schedule for those the engine did not take (it was down, say); from the deployment of
 * the models on, and in embedded mode once the re-drive at start is over. Each message carries its
 * unique message id, so publishing one twice is harmless; the engine's ALREADY_EXISTS counts as
 * delivered.
 */
@Component
public class OutboxDispatcher implements OutboxWakeUp, DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(OutboxDispatcher.class);
  private static final int BATCH = 500;
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private final Outbox outbox;
  private final CamundaClient camunda;
  private final Clock clock;
  private final ExecutorService drainer =
      Executors.newSingleThreadExecutor(
          runnable -> {
            final var thread = new Thread(runnable, "outbox-dispatcher");
            thread.setDaemon(true);
            return thread;
          });
  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  private volatile boolean modelsDeployed;
  private volatile boolean redriveFinished;
  private volatile boolean ready;

  public OutboxDispatcher(
      final Outbox outbox,
      final CamundaClient camunda,
      final Clock clock,
      final ObjectProvider<ProcessRedriver> redriver) {
    this.outbox = outbox;
    this.camunda = camunda;
    this.clock = clock;
    final ProcessRedriver atStart = redriver.getIfAvailable();
    this.redriveFinished = atStart == null || !atStart.holdsTheOutbox();
  }

  /** Once the models are deployed, messages can start processes. */
  @EventListener
  public void modelsDeployed(final ModelsDeployedEvent event) {
    modelsDeployed = true;
    open();
  }

  /**
   * In embedded mode, not before the re-drive at start is over: a start message of an object the
   * re-drive gave an instance is dropped, not published.
   */
  @EventListener
  public void redriveFinished(final RedriveFinishedEvent event) {
    redriveFinished = true;
    open();
  }

  private void open() {
    ready = modelsDeployed && redriveFinished;
    messagesAdded();
  }

  @Override
  public void messagesAdded() {
    if (ready && drainScheduled.compareAndSet(false, true)) {
      drainer.execute(
          () -> {
            drainScheduled.set(false);
            drain();
          });
    }
  }

  @Scheduled(fixedDelayString = "${pinflow.outbox.sweep-interval:1s}")
  public void sweep() {
    messagesAdded();
  }

  /** Publishes everything that is due; returns how many the engine took. */
  int drain() {
    int total = 0;
    try {
      List<PendingMessage> due;
      do {
        due = outbox.due(clock.instant(), BATCH);
        total += publish(due);
      } while (due.size() == BATCH);
    } catch (final RuntimeException e) {
      LOG.warn("Outbox not drained this time: {}", e.getMessage());
    }
    return total;
  }

  private int publish(final List<PendingMessage> messages) {
    final List<CompletableFuture<Void>> sends = new ArrayList<>(messages.size());
    final List<Long> published = java.util.Collections.synchronizedList(new ArrayList<>());
    for (final PendingMessage pending : messages) {
      final OutboxMessage message = pending.message();
      sends.add(
          camunda
              .newPublishMessageCommand()
              .messageName(message.name())
              .correlationKey(message.correlationKey())
              .messageId(message.messageId())
              .timeToLive(message.timeToLive())
              .variables(message.variables())
              .requestTimeout(REQUEST_TIMEOUT)
              .send()
              .toCompletableFuture()
              .handle(
                  (response, failure) -> {
                    if (failure == null || alreadyPublished(failure)) {
                      published.add(pending.id());
                    } else {
                      retryLater(pending, failure);
                    }
                    return null;
                  }));
    }
    CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
    outbox.published(published);
    return published.size();
  }

  /**
   * Whether the engine has the message already: an earlier attempt was published but its row was
   * not removed (its answer or the removal got lost). Over gRPC the send fails with the bare {@code
   * StatusRuntimeException} (only {@code join()} wraps it in a {@link ClientStatusException}); over
   * REST the answer is 409.
   */
  private static boolean alreadyPublished(final Throwable failure) {
    final Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
    return switch (cause) {
      case ClientStatusException status -> status.getStatusCode() == Code.ALREADY_EXISTS;
      case ClientHttpException http -> http.code() == HttpURLConnection.HTTP_CONFLICT;
      default -> Status.fromThrowable(cause).getCode() == Code.ALREADY_EXISTS;
    };
  }

  private void retryLater(final PendingMessage pending, final Throwable failure) {
    final long seconds = Math.min(60, 1L << Math.min(pending.attempts(), 6));
    final Instant next = clock.instant().plusSeconds(seconds);
    try {
      outbox.failed(pending.id(), failure.getMessage(), next);
    } catch (final RuntimeException e) {
      LOG.warn("Outbox message {} not marked for retry: {}", pending.id(), e.getMessage());
    }
    if (pending.attempts() == 0 || pending.attempts() % 10 == 0) {
      LOG.warn(
          "Message {} for {} not published (attempt {}), next at {}: {}",
          pending.message().name(),
          pending.message().correlationKey(),
          pending.attempts() + 1,
          next,
          failure.getMessage());
    }
  }

  @Override
  public void destroy() {
    drainer.shutdownNow();
  }
}
