package io.pinflow.domain.order;

/** The buyer's address as PDD hands it out: masked. Pinflow never stores clear buyer data. */
public record Receiver(String nameMask, String phoneMask, String addressMask) {}
