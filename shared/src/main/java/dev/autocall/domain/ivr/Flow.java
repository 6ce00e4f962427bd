package dev.autocall.domain.ivr;

import java.util.Map;

/**
 * An IVR flow: a small graph of nodes a call walks from {@code start}. Validated when saved (see
 * {@code FlowParser}): every target names a node, every node is reachable, {@code start} exists.
 *
 * @param optOutKey the key that opts the caller out of voice calls in every gather; null turns it off
 * @param voice     the default text-to-speech voice of every say, prompt and last word (e.g. Polly.Joanna)
 * @param language  the default language of the same (e.g. en-US)
 */
public record Flow(String name, String start, String optOutKey, String voice, String language, Map<String, FlowNode> nodes) {
    public static final String DEFAULT_OPT_OUT_KEY = "9";
    /** A node entered more than this many times in one call ends the call with outcome no_input. */
    public static final int MAX_VISITS = 10;

    public Flow {
        nodes = Map.copyOf(nodes);
    }

    public FlowNode node(String id) {
        FlowNode node = nodes.get(id);
        if (node == null) {
            throw new IllegalStateException("flow has no node " + id);
        }
        return node;
    }
}
