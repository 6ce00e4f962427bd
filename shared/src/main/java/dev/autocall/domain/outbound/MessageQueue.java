package dev.autocall.domain.outbound;

/** Port: sends a message to one queue now. */
public interface MessageQueue {
    void send(String messageBody);
}
