package io.pinflow.api.testing;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/** A worker for the tests' {@code incident-sample} process that fails on demand. */
@Component
public class FlakyTestWorker {

  private final Set<String> failing = ConcurrentHashMap.newKeySet();
  private final Set<String> completed = ConcurrentHashMap.newKeySet();
  private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

  public void failFor(final String businessKey) {
    failing.add(businessKey);
  }

  public void succeedFor(final String businessKey) {
    failing.remove(businessKey);
  }

  public int attempts(final String businessKey) {
    return attempts.getOrDefault(businessKey, new AtomicInteger()).get();
  }

  public boolean completed(final String businessKey) {
    return completed.contains(businessKey);
  }

  @JobWorker(type = "pinflow.test.flaky")
  public void work(@Variable final String businessKey) {
    attempts.computeIfAbsent(businessKey, k -> new AtomicInteger()).incrementAndGet();
    if (failing.contains(businessKey)) {
      throw new IllegalStateException("warehouse unreachable");
    }
    completed.add(businessKey);
  }
}
