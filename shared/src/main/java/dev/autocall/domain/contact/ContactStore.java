package dev.autocall.domain.contact;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Port: contacts, their per-contact thread, and the workspace's tasks. */
public interface ContactStore {
    Optional<Contact> find(String workspaceId, String phone);

    /**
     * Replaces the contact whatever is stored: for seeding and imports. A change to a stored contact is {@link #update}.
     *
     * @throws dev.autocall.error.InvalidInputException (field {@code tags}) when its tags differ from the stored ones
     *         by more than 99: one write lists and unlists the contact under every tag it adds or removes
     */
    void save(String workspaceId, Contact contact);

    /**
     * Applies {@code change} to the stored contact and writes the result only if nobody wrote the contact
     * meanwhile, reading and applying it again otherwise, so that concurrent changes are never lost.
     * {@code change} may therefore run more than once and must depend on its argument alone. A change
     * that alters nothing writes nothing.
     *
     * @return the contact as stored after the change; empty, with nothing written, when there is no contact
     * @throws dev.autocall.error.ConflictException when other writers kept winning for every bounded attempt
     */
    Optional<Contact> update(String workspaceId, String phone, UnaryOperator<Contact> change);

    /**
     * As {@link #update(String, String, UnaryOperator)}, but a missing contact is created as
     * {@code whenAbsent} with the change applied; its phone names the contact.
     */
    Contact update(String workspaceId, Contact whenAbsent, UnaryOperator<Contact> change);

    /** Creates the contact unless it exists; returns whichever is stored. Safe under concurrency. */
    default Contact createIfAbsent(String workspaceId, Contact contact) {
        return update(workspaceId, contact, UnaryOperator.identity());
    }

    /**
     * The workspace's contacts that carry {@code tag}, a page at a time in a stable order, without reading
     * every contact: a campaign's audience. A contact is listed as soon as the write that tagged it returns.
     *
     * @param cursor null for the first page, else the {@link TagPage#next()} of the page before
     * @param limit the most phones on the page, 1 to {@value #MAX_TAG_PAGE}
     */
    TagPage phonesWithTag(String workspaceId, String tag, String cursor, int limit);

    int MAX_TAG_PAGE = 1000;

    /**
     * Records or advances a thread entry. Status only moves forward (see {@link CallProgress}); fields
     * of the update that are null leave the stored ones alone.
     */
    void recordThreadEntry(String workspaceId, String phone, ThreadEntry entry, int statusRank);

    List<ThreadEntry> thread(String workspaceId, String phone);

    void addTask(String workspaceId, Task task);

    List<Task> tasks(String workspaceId);
}
