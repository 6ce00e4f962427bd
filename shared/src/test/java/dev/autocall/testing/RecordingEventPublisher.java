package dev.autocall.testing;

import dev.autocall.domain.event.DomainEvent;
import dev.autocall.domain.event.EventPublisher;

import java.util.ArrayList;
import java.util.List;

/** An {@link EventPublisher} that keeps what was published, in order. */
public final class RecordingEventPublisher implements EventPublisher {
    private final List<DomainEvent> published = new ArrayList<>();

    @Override
    public synchronized void publish(DomainEvent event) {
        published.add(event);
    }

    public synchronized List<DomainEvent> published() {
        return List.copyOf(published);
    }

    public synchronized List<DomainEvent> ofType(String type) {
        return published.stream().filter(e -> e.type().equals(type)).toList();
    }

    public synchronized List<String> types() {
        return published.stream().map(DomainEvent::type).toList();
    }
}
