package io.pinflow.workers.engine;

/** Published once the models are deployed: processes can be started from now on. */
public record ModelsDeployedEvent(int processes) {}
