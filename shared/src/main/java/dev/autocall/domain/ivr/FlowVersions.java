package dev.autocall.domain.ivr;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Published flow versions, parsed once per container: a version never changes, so each is read and parsed once and
 * kept (up to {@link #CACHED} of them, the least recently used leaving first). Which version is the published one is
 * asked of the store each time a call starts, so a publish is seen by the next call.
 */
public final class FlowVersions {
    static final int CACHED = 256;
    private final FlowStore store;
    private final Map<String, Version> parsed = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Version> eldest) {
            return size() > CACHED;
        }
    };

    public FlowVersions(FlowStore store) {
        this.store = store;
    }

    /** A parsed, published version of a flow. */
    public record Version(int number, Flow flow) {
    }

    /** The version new calls use, if the flow was ever published. */
    public Optional<Version> published(String workspaceId, String flowId) {
        return store.find(workspaceId, flowId)
                .filter(stored -> stored.publishedVersion() > 0)
                .flatMap(stored -> version(workspaceId, flowId, stored.publishedVersion()));
    }

    /** A version a call started on; it finishes on it whatever is published since. */
    public Optional<Version> version(String workspaceId, String flowId, int number) {
        String key = workspaceId + "\n" + flowId + "\n" + number;
        synchronized (parsed) {
            Version cached = parsed.get(key);
            if (cached != null) {
                return Optional.of(cached);
            }
        }
        Optional<Version> read = store.version(workspaceId, flowId, number).map(json -> new Version(number, FlowParser.parseStored(json)));
        read.ifPresent(v -> {
            synchronized (parsed) {
                parsed.put(key, v);
            }
        });
        return read;
    }
}
