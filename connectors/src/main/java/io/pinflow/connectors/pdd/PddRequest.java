package io.pinflow.connectors.pdd;

import java.util.Map;

/** One call of the PDD router: which shop, which API ({@code type}), its own parameters. */
public record PddRequest(String shopId, String type, Map<String, Object> params) {

  public PddRequest {
    params = params == null ? Map.of() : Map.copyOf(params);
  }
}
