package dev.autocall.domain.workflow;

/**
 * A definition that passed every check, with the JSON to store for it: publishing reads that JSON back with
 * the JSON reader, so what was checked is exactly what runs.
 */
public record ValidatedWorkflow(WorkflowDefinition definition, String json) {
}
