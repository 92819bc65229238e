package io.pinflow.workers.usertask;

import io.pinflow.domain.task.TaskInbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Closes tasks the process left behind (timer fired, order cancelled) and renews the others. */
@Component
public class TaskSweeper {

  private static final Logger LOG = LoggerFactory.getLogger(TaskSweeper.class);

  private final TaskInbox inbox;
  private final int batch;

  public TaskSweeper(
      final TaskInbox inbox, @Value("${pinflow.tasks.sweep-batch:500}") final int batch) {
    this.inbox = inbox;
    this.batch = batch;
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
}
