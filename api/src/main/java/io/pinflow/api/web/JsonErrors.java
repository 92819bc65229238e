package io.pinflow.api.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.stream.Collectors;
import org.springframework.http.converter.HttpMessageNotReadableException;

/** A short, safe description of why a JSON body could not be read. */
final class JsonErrors {

  private JsonErrors() {}

  static String describe(final HttpMessageNotReadableException e) {
    final Throwable cause = e.getCause();
    if (cause instanceof JsonParseException parse) {
      return "not valid JSON at line "
          + parse.getLocation().getLineNr()
          + ", column "
          + parse.getLocation().getColumnNr();
    }
    if (cause instanceof InvalidFormatException format) {
      return "field '" + path(format) + "' " + ExpectedValue.of(format.getTargetType());
    }
    if (cause instanceof MismatchedInputException mismatch) {
      final String path = path(mismatch);
      return path.isEmpty()
          ? "the body has the wrong shape"
          : "field '" + path + "' " + ExpectedValue.of(mismatch.getTargetType());
    }
    if (cause instanceof JsonMappingException mapping) {
      final String path = path(mapping);
      return path.isEmpty() ? "the body cannot be read" : "field '" + path + "' cannot be read";
    }
    return "a JSON body is required";
  }

  private static String path(final JsonMappingException e) {
    return e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }
}
