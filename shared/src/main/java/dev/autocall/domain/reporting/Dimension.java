package dev.autocall.domain.reporting;

/**
 * What a set of counters is kept for: every call of the workspace, or those of one workflow, campaign or caller ID.
 *
 * @param key the dimension as stored: {@code all}, {@code workflow:{id}}, {@code campaign:{id}} or {@code callerId:{e164}}
 */
public record Dimension(String key) {
    public static final Dimension ALL = new Dimension("all");

    public static Dimension workflow(String id) {
        return new Dimension("workflow:" + id);
    }

    public static Dimension campaign(String id) {
        return new Dimension("campaign:" + id);
    }

    public static Dimension callerId(String e164) {
        return new Dimension("callerId:" + e164);
    }
}
