package dev.autocall.local;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The demo campaign's 50 callees (+1 312 555 0150 to 0199, Chicago): how each one's phone behaves, the CSV that adds
 * them, and what the campaign must come to.
 */
record DemoAudience(Map<String, Map<String, Object>> scripts, Set<String> unconsented, Set<String> unanswered, List<String> rows) {
    static final String HEADER = "phone,firstName,when,voiceConsentSource,voiceConsentConfirmed";

    /** Behaviour by count, in the order of the numbers: the unanswered ones first, so their retries come early. */
    private static final List<Map.Entry<String, Integer>> MIX = List.of(
            Map.entry("no_answer", 5), Map.entry("busy", 4), Map.entry("voicemail", 6), Map.entry("no_consent", 5),
            Map.entry("declined", 5), Map.entry("confirmed", 25));

    static DemoAudience of50() {
        Map<String, Map<String, Object>> scripts = new LinkedHashMap<>();
        Set<String> unconsented = new java.util.LinkedHashSet<>();
        Set<String> unanswered = new java.util.LinkedHashSet<>();
        List<String> rows = new java.util.ArrayList<>();
        int n = 150;
        for (Map.Entry<String, Integer> kind : MIX) {
            for (int i = 0; i < kind.getValue(); i++, n++) {
                String phone = "+13125550" + n;
                String consent = switch (kind.getKey()) {
                    case "no_consent" -> ",";
                    default -> n % 2 == 0 ? "form," : "import,true";
                };
                rows.add(phone + ",Patient " + n + ",\"Tuesday, 9 am\"," + consent);
                switch (kind.getKey()) {
                    case "no_answer" -> {
                        scripts.put(phone, Map.of("behavior", "no-answer"));
                        unanswered.add(phone);
                    }
                    case "busy" -> scripts.put(phone, Map.of("behavior", "busy"));
                    case "voicemail" -> scripts.put(phone, Map.of("behavior", "voicemail"));
                    case "no_consent" -> unconsented.add(phone);
                    case "declined" -> scripts.put(phone, Map.of("behavior", "answer", "gathers", List.of("3")));
                    default -> scripts.put(phone, Map.of("behavior", "answer", "gathers", List.of("1")));
                }
            }
        }
        return new DemoAudience(scripts, unconsented, unanswered, List.copyOf(rows));
    }

    /** A CSV file of the rows whose number is (or is not) one that goes unanswered. */
    String csv(boolean unansweredOnes) {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        rows.stream().filter(row -> unanswered.contains(row.substring(0, row.indexOf(','))) == unansweredOnes)
                .forEach(row -> csv.append(row).append('\n'));
        return csv.toString();
    }

    /** What each callee's last call should end as, counted: the campaign's outcomes at the end. */
    String expectedOutcomes() {
        Map<String, Integer> outcomes = new TreeMap<>();
        MIX.stream().filter(kind -> !kind.getKey().equals("no_consent"))
                .forEach(kind -> outcomes.put(kind.getKey(), kind.getValue()));
        return outcomes.entrySet().stream().map(e -> "\"" + e.getKey() + "\": " + e.getValue())
                .collect(Collectors.joining(", ", "{", "}"));
    }

    /** Calls a number may get: two when nobody answers (one retry), else one. */
    int allowedCalls(String phone) {
        return unanswered.contains(phone) ? 2 : 1;
    }

    String summary() {
        return MIX.stream().map(kind -> kind.getValue() + " " + kind.getKey().replace('_', ' '))
                .collect(Collectors.joining(", "));
    }
}
