package dev.autocall.domain.outbound;

import java.util.List;
import java.util.Optional;

/** Caller ID: a workspace number with the callee's area code when there is one (local presence), else the first. */
public final class CallerIdSelection {
    private CallerIdSelection() {
    }

    public static Optional<String> choose(List<String> workspaceNumbers, String callee) {
        if (callee.startsWith("+1") && callee.length() == 12) {
            String areaCode = callee.substring(2, 5);
            Optional<String> local = workspaceNumbers.stream()
                    .filter(n -> n.startsWith("+1") && n.length() == 12 && n.substring(2, 5).equals(areaCode))
                    .findFirst();
            if (local.isPresent()) {
                return local;
            }
        }
        return workspaceNumbers.stream().findFirst();
    }
}
