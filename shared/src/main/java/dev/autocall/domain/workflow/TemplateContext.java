package dev.autocall.domain.workflow;

import dev.autocall.domain.contact.Contact;
import dev.autocall.domain.event.DomainEvent;
import dev.autocall.domain.workspace.Workspace;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What templates and filters can read: contact.*, event.* (type, id), data.* (the event payload, also
 * as event.data.*), workspace.name and call.* (the last call step's outcome and, for an IVR call, its keys).
 */
public final class TemplateContext {
    public static final Set<String> ROOTS = Set.of("contact", "event", "data", "workspace", "call");
    private static final java.util.regex.Pattern PATH =
            java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*");

    /** Whether the text is a path a template or a wait may read: dotted names under one of the roots. */
    public static boolean isPath(String text) {
        return PATH.matcher(text).matches() && ROOTS.contains(text.substring(0, (text + ".").indexOf('.')));
    }
    private final Map<String, Object> root;

    private TemplateContext(Map<String, Object> root) {
        this.root = root;
    }

    public static TemplateContext of(Contact contact, DomainEvent event, Workspace workspace) {
        return of(contact, event, workspace, null, java.util.List.of());
    }

    /**
     * @param callOutcome the last call step's outcome (call.outcome), or null before any
     * @param callKeys    the keys pressed on that call, in order (call.keys reads them joined by commas, e.g. "1,2")
     */
    public static TemplateContext of(Contact contact, DomainEvent event, Workspace workspace, String callOutcome,
                                     java.util.List<String> callKeys) {
        Map<String, Object> c = contactRoot(contact);
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", event.id());
        e.put("type", event.type());
        e.put("data", event.data());
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("name", workspace.displayName());
        w.put("number", event.businessNumber());
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("contact", c);
        root.put("event", e);
        root.put("data", event.data());
        root.put("workspace", w);
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("outcome", callOutcome);
        call.put("keys", callKeys.isEmpty() ? null : String.join(",", callKeys));
        root.put("call", call);
        return new TemplateContext(root);
    }

    /** What contact.* reads: the custom fields, then the contact's own (so a field named "phone" cannot shadow the real one). */
    public static Map<String, Object> contactRoot(Contact contact) {
        Map<String, Object> c = new LinkedHashMap<>(contact.fields());
        c.put("phone", contact.phone());
        c.put("firstName", contact.firstName());
        c.put("lastName", contact.lastName());
        c.put("name", contact.firstName() == null && contact.lastName() == null ? null : contact.displayName());
        c.put("tags", contact.tags());
        c.put("fields", contact.fields());
        return c;
    }

    /** A context over any roots, e.g. an IVR call's contact, workspace, data, fetch and keys. */
    public static TemplateContext of(Map<String, Object> roots) {
        return new TemplateContext(roots);
    }

    /** The value at a dotted path, or null when any part is missing. */
    public Object resolve(String path) {
        Object current = root;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }
}
