package dev.autocall.domain.contact;

import java.util.List;
import java.util.Optional;

/** Port: contacts, their per-contact thread, and the workspace's tasks. */
public interface ContactStore {
    Optional<Contact> find(String workspaceId, String phone);

    void save(String workspaceId, Contact contact);

    /** Creates the contact unless it exists; returns whichever is stored. Safe under concurrency. */
    Contact createIfAbsent(String workspaceId, Contact contact);

    /**
     * Records or advances a thread entry. Status only moves forward (see {@link CallProgress}); fields
     * of the update that are null leave the stored ones alone.
     */
    void recordThreadEntry(String workspaceId, String phone, ThreadEntry entry, int statusRank);

    List<ThreadEntry> thread(String workspaceId, String phone);

    void addTask(String workspaceId, Task task);

    List<Task> tasks(String workspaceId);
}
