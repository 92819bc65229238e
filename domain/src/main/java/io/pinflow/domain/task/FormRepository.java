package io.pinflow.domain.task;

import java.util.Optional;

/** The forms as deployed to the engine, by the key the engine puts on a task. */
public interface FormRepository {

  void save(long formKey, String formId, int version, String schemaJson);

  Optional<String> schema(long formKey);

  /** The newest deployed version's schema of a form id. */
  Optional<String> latestSchema(String formId);
}
