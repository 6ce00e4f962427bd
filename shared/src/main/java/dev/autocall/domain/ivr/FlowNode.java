package dev.autocall.domain.ivr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One node of an IVR flow. Text fields are templates over contact.*, workspace.*, data.*, fetch.* and keys.
 * {@link #targets()} lists the node ids a node can go to, for validation and reachability.
 */
public sealed interface FlowNode {
    NodeType type();

    /** The node ids this node can continue to (null entries left out). */
    List<String> targets();

    /** Speaks {@code text}, or reads {@code digits} one at a time with pauses; {@code repeat} times. */
    record Say(String text, String digits, int repeat, String voice, String language, String next) implements FlowNode {
        public NodeType type() {
            return NodeType.SAY;
        }

        public List<String> targets() {
            return of(next);
        }
    }

    record Play(String url, String next) implements FlowNode {
        public NodeType type() {
            return NodeType.PLAY;
        }

        public List<String> targets() {
            return of(next);
        }
    }

    /**
     * Asks for keys. No input, or keys with no choice, replay the prompt until {@code attempts} are used; then
     * {@code noInput} or {@code invalid} (null: a polite goodbye and the outcome no_input).
     */
    record Gather(String prompt, String promptUrl, int numDigits, String finishOnKey, int timeoutSeconds, int attempts,
                  Map<String, String> choices, String noInput, String invalid) implements FlowNode {
        public Gather {
            choices = Map.copyOf(choices);
        }

        public NodeType type() {
            return NodeType.GATHER;
        }

        public List<String> targets() {
            List<String> all = new ArrayList<>(choices.values().stream().sorted().toList());
            all.addAll(of(noInput, invalid));
            return List.copyOf(all);
        }
    }

    record Record(String prompt, int maxSeconds, boolean transcribe, String next) implements FlowNode {
        public NodeType type() {
            return NodeType.RECORD;
        }

        public List<String> targets() {
            return of(next);
        }
    }

    /** Texts {@code body} to the caller from the business number of the call. */
    record Sms(String body, String next) implements FlowNode {
        public NodeType type() {
            return NodeType.SMS;
        }

        public List<String> targets() {
            return of(next);
        }
    }

    /** Rings {@code number}, whispering to whoever answers first; {@code next} once connected and done, else {@code noAnswer}. */
    record Dial(String number, String whisper, int timeoutSeconds, boolean record, String next, String noAnswer) implements FlowNode {
        public NodeType type() {
            return NodeType.DIAL;
        }

        public List<String> targets() {
            return of(next, noAnswer);
        }
    }

    /**
     * POSTs the call so far, signed, to the business's server, which may answer {@code say}, {@code next} and
     * {@code vars}; a timeout, a non-2xx or a malformed answer goes to {@code onError}.
     */
    record Fetch(String url, int timeoutSeconds, String next, String onError) implements FlowNode {
        public NodeType type() {
            return NodeType.FETCH;
        }

        public List<String> targets() {
            return of(next, onError);
        }
    }

    record Pause(int seconds, String next) implements FlowNode {
        public NodeType type() {
            return NodeType.PAUSE;
        }

        public List<String> targets() {
            return of(next);
        }
    }

    /** Ends the call, after {@code say} if given, with {@code outcome} (default completed). */
    record Hangup(String say, String outcome) implements FlowNode {
        public NodeType type() {
            return NodeType.HANGUP;
        }

        public List<String> targets() {
            return List.of();
        }
    }

    private static List<String> of(String... ids) {
        return Stream.of(ids).filter(Objects::nonNull).toList();
    }
}
