package dev.autocall.adapters.dynamodb;

import dev.autocall.json.Json;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A document stored as gzip-compressed JSON in a binary attribute. DynamoDB bills writes by the kilobyte, for the
 * item and again for every index that projects it: a run's JSON (its trigger event and its history) is 1-2 KB and
 * repeats its field names, and compressed it fits in one.
 */
final class CompressedJson {
    private CompressedJson() {
    }

    static AttributeValue write(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(Json.write(value).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return AttributeValue.fromB(SdkBytes.fromByteArray(bytes.toByteArray()));
    }

    static <T> T read(AttributeValue value, Class<T> type) {
        try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(value.b().asByteArrayUnsafe()))) {
            return Json.read(new String(gzip.readAllBytes(), StandardCharsets.UTF_8), type);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored document is not gzip-compressed JSON", e);
        }
    }
}
