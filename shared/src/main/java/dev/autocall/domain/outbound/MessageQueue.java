package dev.autocall.domain.outbound;

/** Port: sends a message to one queue now. */
public interface MessageQueue {
    void send(String messageBody);

    /** Sends several messages; an adapter may batch them. */
    default void sendAll(java.util.List<String> messageBodies) {
        messageBodies.forEach(this::send);
    }
}
