package dev.autocall.testing;

import dev.autocall.domain.workspace.Workspace;
import dev.autocall.domain.workspace.WorkspaceStore;
import dev.autocall.error.ConflictException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** In-memory {@link WorkspaceStore} with the same number-ownership rule as the DynamoDB adapter. */
public final class InMemoryWorkspaceStore implements WorkspaceStore {
    private final Map<String, Workspace> workspaces = new HashMap<>();
    private final Map<String, String> numbers = new HashMap<>();
    private final Map<String, String> keyHashes = new HashMap<>();

    @Override
    public synchronized Optional<Workspace> find(String workspaceId) {
        return Optional.ofNullable(workspaces.get(workspaceId));
    }

    @Override
    public synchronized void save(Workspace workspace) {
        for (String number : workspace.numbers()) {
            String owner = numbers.get(number);
            if (owner != null && !owner.equals(workspace.id())) {
                throw new ConflictException("a number in numbers already belongs to another workspace");
            }
        }
        List<String> previous = find(workspace.id()).map(Workspace::numbers).orElse(List.of());
        previous.stream().filter(n -> !workspace.numbers().contains(n)).forEach(numbers::remove);
        workspace.numbers().forEach(n -> numbers.put(n, workspace.id()));
        workspaces.put(workspace.id(), workspace);
    }

    @Override
    public synchronized Optional<String> workspaceForNumber(String e164) {
        return Optional.ofNullable(numbers.get(e164));
    }

    @Override
    public synchronized Optional<String> workspaceForApiKeyHash(String keyHash) {
        return Optional.ofNullable(keyHashes.get(keyHash));
    }

    @Override
    public synchronized void addApiKeyHash(String workspaceId, String keyHash) {
        keyHashes.put(keyHash, workspaceId);
    }

    @Override
    public synchronized boolean removeApiKeyHash(String workspaceId, String keyHash) {
        return keyHashes.remove(keyHash, workspaceId);
    }

    /** How many workspaces have been saved: lets a test show that a rejected request wrote nothing. */
    public synchronized int size() {
        return workspaces.size();
    }
}
