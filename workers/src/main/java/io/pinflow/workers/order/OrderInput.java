package io.pinflow.workers.order;

/** The order a job is about; most order-to-ship jobs need nothing else. */
public record OrderInput(String orderSn) {}
