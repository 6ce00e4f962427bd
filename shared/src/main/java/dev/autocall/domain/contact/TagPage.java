package dev.autocall.domain.contact;

import java.util.List;

/**
 * One page of the phones that carry a tag, in phone order.
 *
 * @param next the cursor that reads the following page; null after the last page. Opaque to callers.
 */
public record TagPage(List<String> phones, String next) {
    public TagPage {
        phones = List.copyOf(phones);
    }

    public boolean hasNext() {
        return next != null;
    }
}
