package dev.autocall.domain.event;

/** Port: puts a domain event on the events queue. */
public interface EventPublisher {
    void publish(DomainEvent event);
}
