package dev.autocall.api;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.JsonNode;
import dev.autocall.error.InvalidInputException;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Null in a request body is refused unless the record marks the field {@code @JsonSetter(nulls = Nulls.SET)}
 * or it is a time: Jackson cannot tell an explicit null from an absent field in a record's constructor,
 * so the body's tree is checked against the record before it is bound. Free-form maps may hold nulls
 * ("no value"); a list never does.
 */
final class NullableFields {
    private NullableFields() {
    }

    static void check(JsonNode node, Type type) {
        check(node, type, "");
    }

    private static void check(JsonNode node, Type type, String path) {
        Class<?> raw = raw(type);
        if (node.isObject() && raw.isRecord()) {
            for (RecordComponent component : raw.getRecordComponents()) {
                JsonNode value = node.get(component.getName());
                if (value == null) {
                    continue;
                }
                String field = path.isEmpty() ? component.getName() : path + "." + component.getName();
                Type componentType = resolve(component.getGenericType(), raw, type);
                if (value.isNull()) {
                    if (!nullable(raw, component, componentType)) {
                        throw new InvalidInputException(field, field + ": null is not allowed here; leave the field out to get its default");
                    }
                } else {
                    check(value, componentType, field);
                }
            }
        } else if (node.isArray() && List.class.isAssignableFrom(raw) && type instanceof ParameterizedType list) {
            for (int i = 0; i < node.size(); i++) {
                String element = path + "[" + i + "]";
                if (node.get(i).isNull()) {
                    throw new InvalidInputException(element, element + ": a list holds no nulls");
                }
                check(node.get(i), list.getActualTypeArguments()[0], element);
            }
        }
    }

    private static boolean nullable(Class<?> record, RecordComponent component, Type type) {
        if (type == Instant.class) {
            return true;
        }
        try {
            JsonSetter setter = record.getDeclaredField(component.getName()).getAnnotation(JsonSetter.class);
            return setter != null && setter.nulls() == Nulls.SET;
        } catch (NoSuchFieldException e) {
            return false;
        }
    }

    private static Type resolve(Type declared, Class<?> owner, Type ownerType) {
        if (declared instanceof TypeVariable<?> variable && ownerType instanceof ParameterizedType parameterized) {
            int index = Arrays.asList(owner.getTypeParameters()).indexOf(variable);
            return index < 0 ? Object.class : parameterized.getActualTypeArguments()[index];
        }
        return declared;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }
}
