package dev.autocall.domain.compliance;

import dev.autocall.domain.contact.Contact;
import dev.autocall.domain.workspace.Workspace;

import java.time.Instant;
import java.util.Optional;

/**
 * Everything a rule may look at: the workspace's policy, the callee and what is known of them, the purpose,
 * the instant being judged, the caps already used and the request's deadline.
 *
 * @param to the number to call, as given (it may be invalid: a rule says so)
 * @param purpose "transactional" (default) or "marketing"
 * @param deadline after this instant a deferral becomes FAIL EXPIRED
 */
public record CallCheck(Workspace workspace, String to, Optional<Contact> contact, String purpose, Instant at,
                        CapUsage usage, Instant deadline) {
}
