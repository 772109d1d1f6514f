package dev.ocisc.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ocisc.failure.InvalidInputException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads the fields of a parsed document by their JSON type. A value of another type is bad input, one line naming
 * the source, where in it and what was found; never coerced as {@code path(..).asText()} would (a number of
 * references read as none at all would drop them from the graph without a word). An absent field or a JSON
 * {@code null} is "not given".
 *
 * @param source the file or command the document came from, for messages
 */
public record JsonFields(String source) {

    /** {@code n} itself, which must be an object; {@code what} names it in the message. */
    public JsonNode object(JsonNode n, String what) {
        if (!n.isObject()) {
            throw wrong(what, n, "an object");
        }
        return n;
    }

    /** The object at {@code field}, or an empty object when it is not given. */
    public JsonNode object(JsonNode parent, String field, String where) {
        JsonNode v = given(parent, field, where, JsonNode::isObject, "an object");
        return v == null ? JsonNodeFactory.instance.objectNode() : v;
    }

    /** The string at {@code field}, or null when it is not given. */
    public String string(JsonNode parent, String field, String where) {
        JsonNode v = given(parent, field, where, JsonNode::isTextual, "a string");
        return v == null ? null : v.textValue();
    }

    /** The string at {@code field}, or {@code absent} when it is not given. */
    public String string(JsonNode parent, String field, String where, String absent) {
        String s = string(parent, field, where);
        return s == null ? absent : s;
    }

    /** The strings of the array at {@code field}, empty when it is not given. */
    public List<String> strings(JsonNode parent, String field, String where) {
        JsonNode v = given(parent, field, where, JsonNode::isArray, "an array of strings");
        return v == null ? new ArrayList<>() : strings(v, where + ": " + field);
    }

    /** The strings of the array {@code n}; {@code what} names it in the message. */
    public List<String> strings(JsonNode n, String what) {
        if (!n.isArray()) {
            throw wrong(what, n, "an array of strings");
        }
        List<String> out = new ArrayList<>(n.size());
        for (JsonNode s : n) {
            if (!s.isTextual()) {
                throw wrong(what, s, "an array of strings", "holds");
            }
            out.add(s.textValue());
        }
        return out;
    }

    /** The string values of the object at {@code field}, in document order; empty when it is not given. */
    public Map<String, String> stringMap(JsonNode parent, String field, String where) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object(parent, field, where).fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw wrong(where + ": " + field + " " + StrictJson.quote(e.getKey()), e.getValue(), "a string");
            }
            out.put(e.getKey(), e.getValue().textValue());
        }
        return out;
    }

    /** The integer at {@code field}, or {@code absent} when it is not given. */
    public long integer(JsonNode parent, String field, String where, long absent) {
        JsonNode v = given(parent, field, where, n -> n.canConvertToExactIntegral() && n.canConvertToLong(),
                "an integer");
        return v == null ? absent : v.longValue();
    }

    /** The boolean at {@code field}, or {@code absent} when it is not given. */
    public boolean bool(JsonNode parent, String field, String where, boolean absent) {
        JsonNode v = given(parent, field, where, JsonNode::isBoolean, "true or false");
        return v == null ? absent : v.booleanValue();
    }

    /** The value at {@code field}, which {@code is} must accept; null when absent or JSON null. */
    private JsonNode given(JsonNode parent, String field, String where, Predicate<JsonNode> is, String expected) {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!is.test(v)) {
            throw wrong(where + ": " + field, v, expected);
        }
        return v;
    }

    private InvalidInputException wrong(String what, JsonNode found, String expected) {
        return wrong(what, found, expected, "is");
    }

    private InvalidInputException wrong(String what, JsonNode found, String expected, String verb) {
        return new InvalidInputException(source, what + " " + verb + " " + kind(found) + ", expected " + expected);
    }

    /** The JSON type of a value, as a message says it. */
    static String kind(JsonNode n) {
        return switch (n.getNodeType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "not a JSON value";
        };
    }
}
