package io.pinflow.workers.usertask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.pinflow.domain.task.TaskInbox;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.Test;

class TaskSweeperTest {

  private final TaskInbox inbox = mock(TaskInbox.class);

  @Test
  void aTaskTheEngineCancelsIsClosedOffTheCallersThread() {
    final AtomicReference<LongConsumer> listener = new AtomicReference<>();
    final AtomicReference<Thread> closedOn = new AtomicReference<>();
    when(inbox.cancelledByEngine(42L))
        .thenAnswer(
            call -> {
              closedOn.set(Thread.currentThread());
              return true;
            });
    final TaskSweeper sweeper = new TaskSweeper(inbox, 500, listener::set);

    listener.get().accept(42L);

    verify(inbox, timeout(2_000)).cancelledByEngine(42L);
    assertThat(closedOn.get()).isNotNull().isNotSameAs(Thread.currentThread());
    sweeper.stop();
  }

  @Test
  void aFailedCloseIsLeftToTheSweepAndTheNextNoticeStillCloses() {
    final AtomicReference<LongConsumer> listener = new AtomicReference<>();
    when(inbox.cancelledByEngine(1L)).thenThrow(new IllegalStateException("database away"));
    when(inbox.cancelledByEngine(2L)).thenReturn(true);
    final TaskSweeper sweeper = new TaskSweeper(inbox, 500, listener::set);

    listener.get().accept(1L);
    listener.get().accept(2L);

    verify(inbox, timeout(2_000)).cancelledByEngine(2L);
    sweeper.stop();
  }

  @Test
  void withoutAnEmbeddedEngineOnlyTheSweepCloses() {
    final TaskSweeper sweeper = new TaskSweeper(inbox, 500, null);
    when(inbox.sweep(500)).thenReturn(3);

    sweeper.sweep();

    verify(inbox).sweep(500);
    sweeper.stop();
  }
}
