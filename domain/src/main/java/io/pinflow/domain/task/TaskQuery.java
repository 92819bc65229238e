package io.pinflow.domain.task;

import io.pinflow.domain.access.ShopScope;
import io.pinflow.domain.common.PageRequest;
import java.util.Set;

/**
 * Open tasks for one caller ({@code caller}): of its roles ({@code groups}) or assigned to it by
 * the process, within its shops, optionally narrowed to one candidate group, assignee or business
 * key.
 */
public record TaskQuery(
    String caller,
    Set<String> groups,
    ShopScope scope,
    String candidateGroup,
    String assignee,
    String businessKey,
    PageRequest page) {}
