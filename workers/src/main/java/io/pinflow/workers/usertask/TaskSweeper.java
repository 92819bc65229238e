package io.pinflow.workers.usertask;

import io.pinflow.domain.task.TaskInbox;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.lang.Nullable;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Closes tasks the process left behind (timer fired, order cancelled) and renews the others. In
 * embedded mode the engine also says which user tasks it cancels, and those close at once; the
 * sweep remains for the rest (a cluster, a notice missed during a database outage).
 */
@Component
public class TaskSweeper {

  private static final Logger LOG = LoggerFactory.getLogger(TaskSweeper.class);

  private final TaskInbox inbox;
  private final int batch;
  private final ExecutorService cancellations;

  public TaskSweeper(
      final TaskInbox inbox,
      @Value("${pinflow.tasks.sweep-batch:500}") final int batch,
      @Nullable @Qualifier("embeddedCancelledUserTasks")
          final Consumer<LongConsumer> cancelledUserTasks) {
    this.inbox = inbox;
    this.batch = batch;
    if (cancelledUserTasks == null) {
      cancellations = null;
      return;
    }
    // off the engine's log-follower thread: closing a task waits for the database
    cancellations =
        Executors.newSingleThreadExecutor(
            runnable -> {
              final Thread thread = new Thread(runnable, "task-inbox-cancellations");
              thread.setDaemon(true);
              return thread;
            });
    cancelledUserTasks.accept(key -> cancellations.execute(() -> closeCancelled(key)));
  }

  @Scheduled(
      initialDelayString = "${pinflow.tasks.sweep-interval:30s}",
      fixedDelayString = "${pinflow.tasks.sweep-interval:30s}")
  public void sweep() {
    try {
      final int closed = inbox.sweep(batch);
      if (closed > 0) {
        LOG.info("Closed {} tasks whose process moved on", closed);
      }
    } catch (final RuntimeException e) {
      LOG.warn("Task sweep failed, next round will retry: {}", e.getMessage());
    }
  }

  private void closeCancelled(final long engineKey) {
    try {
      if (inbox.cancelledByEngine(engineKey)) {
        LOG.debug("Closed the task of user task {}: the engine cancelled it", engineKey);
      }
    } catch (final RuntimeException e) {
      LOG.warn(
          "Closing the task of cancelled user task {} failed, the sweep will: {}",
          engineKey,
          e.getMessage());
    }
  }

  @PreDestroy
  void stop() {
    if (cancellations != null) {
      cancellations.shutdownNow();
    }
  }
}
