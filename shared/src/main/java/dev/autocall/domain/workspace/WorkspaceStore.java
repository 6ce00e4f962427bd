package dev.autocall.domain.workspace;

import java.util.Optional;

/** Port: workspaces, the business numbers that route to them, and their hashed API keys. */
public interface WorkspaceStore {
    Optional<Workspace> find(String workspaceId);

    /**
     * Saves the settings and points each of its numbers at it, all at once, dropping the routes of numbers
     * it no longer lists; fails with a conflict when a number already belongs to another workspace. Of
     * concurrent saves one wins whole: the routes always match the stored settings.
     */
    void save(Workspace workspace);

    Optional<String> workspaceForNumber(String e164);

    Optional<String> workspaceForApiKeyHash(String keyHash);

    void addApiKeyHash(String workspaceId, String keyHash);

    /** Revokes a key; false when no such key belongs to the workspace. */
    boolean removeApiKeyHash(String workspaceId, String keyHash);
}
