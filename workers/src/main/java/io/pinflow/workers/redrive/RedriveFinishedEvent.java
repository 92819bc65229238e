package io.pinflow.workers.redrive;

/**
 * Published once the re-drive at start is over (also when it failed): the outbox may publish from
 * now on without starting a second instance of a re-driven object.
 */
public record RedriveFinishedEvent(int started, int failed) {}
