package dev.autocall.domain.workflow;

import java.util.List;

/**
 * A workflow as written by the business: when (trigger and filters) and what (steps).
 *
 * @param enabled false keeps the definition but stops new runs
 * @param testMode runs are marked test and kept out of analytics
 * @param source the JSON or YAML text as submitted, returned on read so clients can edit it back
 */
public record WorkflowDefinition(
        String id,
        String name,
        String trigger,
        boolean enabled,
        boolean testMode,
        List<Filter> filters,
        List<Step> steps,
        java.util.Map<String, Integer> stepIds) {

    public WorkflowDefinition {
        filters = List.copyOf(filters);
        steps = List.copyOf(steps);
        stepIds = java.util.Map.copyOf(stepIds);
    }

    public WorkflowDefinition(String id, String name, String trigger, boolean enabled, boolean testMode, List<Filter> filters,
                              List<Step> steps) {
        this(id, name, trigger, enabled, testMode, filters, steps, java.util.Map.of());
    }
}
