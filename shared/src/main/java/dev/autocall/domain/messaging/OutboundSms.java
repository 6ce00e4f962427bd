package dev.autocall.domain.messaging;

/** An SMS to send through the provider. */
public record OutboundSms(String from, String to, String body) {
}
