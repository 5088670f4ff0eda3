package dev.directupload.adapter.localstorage.signing;

import dev.directupload.adapter.localstorage.error.OssError;
import dev.directupload.adapter.localstorage.error.OssRejection;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The POST policy document of a form, as the store reads and enforces it: its expiration and its conditions, parsed
 * from exactly the signed bytes (never re-serialised), then enforced on the form's fields. Anything OSS would not
 * accept as a policy is {@code InvalidPolicyDocument}.
 */
final class PolicyDocument {

    private final Instant expiration;
    private final List<Condition> conditions;

    private PolicyDocument(Instant expiration, List<Condition> conditions) {
        this.expiration = expiration;
        this.conditions = List.copyOf(conditions);
    }

    static PolicyDocument parse(byte[] json, JsonMapper mapper) {
        JsonNode root;
        try {
            root = mapper.readValue(json, JsonNode.class);
        } catch (IOException | RuntimeException e) {
            throw invalid("Invalid Policy: Invalid JSON.");
        }
        if (root == null || !root.isObject()) {
            throw invalid("Invalid Policy: the policy must be a JSON object.");
        }
        JsonNode expiration = root.get("expiration");
        if (expiration == null || !expiration.isString()) {
            throw invalid("Invalid Policy: Policy missing expiration.");
        }
        Instant expiresAt;
        try {
            expiresAt = Instant.parse(expiration.getStringValue());
        } catch (DateTimeParseException e) {
            throw invalid("Invalid Policy: Invalid 'expiration' value: '" + expiration.getStringValue() + "'.");
        }
        JsonNode list = root.get("conditions");
        if (list == null || !list.isArray()) {
            throw invalid("Invalid Policy: Policy missing conditions.");
        }
        List<Condition> conditions = new ArrayList<>();
        for (JsonNode node : list.values()) {
            conditions.add(condition(node));
        }
        return new PolicyDocument(expiresAt, conditions);
    }

    Instant expiration() {
        return expiration;
    }

    /** True when a condition pins this field (e.g. the required {@code x-oss-credential}). */
    boolean constrains(String field) {
        String name = field.toLowerCase(Locale.ROOT);
        return conditions.stream().anyMatch(c -> name.equals(c.field()));
    }

    /** The tightest {@code content-length-range}, if the policy has one. */
    Optional<LengthRange> lengthRange() {
        return conditions.stream()
                .filter(LengthRange.class::isInstance)
                .map(LengthRange.class::cast)
                .reduce((a, b) -> new LengthRange(Math.max(a.min(), b.min()), Math.min(a.max(), b.max())));
    }

    /**
     * Enforces every field condition on the form.
     *
     * @param field a form field's value by lower-case name ({@code ""} when absent)
     * @throws OssRejection {@code AccessDenied} naming the first condition that fails
     */
    void enforce(UnaryOperator<String> field) {
        for (Condition condition : conditions) {
            if (!condition.test(field)) {
                throw OssError.ACCESS_DENIED.reject(
                        "Invalid according to Policy: Policy Condition failed: " + condition.describe());
            }
        }
    }

    private static Condition condition(JsonNode node) {
        if (node.isObject()) {
            if (node.size() != 1) {
                throw invalid("Invalid Policy: Invalid Simple-Condition: Simple-Conditions must have exactly one "
                        + "property specified.");
            }
            Map.Entry<String, JsonNode> entry = node.entries().iterator().next();
            return new Eq(entry.getKey().toLowerCase(Locale.ROOT), text(entry.getValue()));
        }
        if (!node.isArray() || node.size() == 0 || !node.get(0).isString()) {
            throw invalid("Invalid Policy: Invalid condition " + node.getValue() + ".");
        }
        String operator = node.get(0).getStringValue().toLowerCase(Locale.ROOT);
        if (operator.equals("content-length-range")) {
            requireSize(node, 3, operator);
            long min = number(node.get(1));
            long max = number(node.get(2));
            if (min < 0 || min > max) {
                throw invalid("Invalid Policy: Invalid content-length-range [" + min + ", " + max + "].");
            }
            return new LengthRange(min, max);
        }
        requireSize(node, 3, operator);
        String field = variable(node.get(1));
        return switch (operator) {
            case "eq" -> new Eq(field, text(node.get(2)));
            case "starts-with" -> new StartsWith(field, text(node.get(2)));
            case "in" -> new In(field, texts(node.get(2)), true);
            case "not-in" -> new In(field, texts(node.get(2)), false);
            default -> throw invalid("Invalid Policy: Invalid condition operator '" + operator + "'.");
        };
    }

    private static void requireSize(JsonNode node, int size, String operator) {
        if (node.size() != size) {
            throw invalid("Invalid Policy: Condition '" + operator + "' must have " + size + " elements.");
        }
    }

    private static String variable(JsonNode node) {
        if (!node.isString()
                || !node.getStringValue().startsWith("$")
                || node.getStringValue().length() < 2) {
            throw invalid("Invalid Policy: Condition field must be a '$name' string.");
        }
        return node.getStringValue().substring(1).toLowerCase(Locale.ROOT);
    }

    private static String text(JsonNode node) {
        if (node == null || !(node.isString() || node.isNumber())) {
            throw invalid("Invalid Policy: Condition value must be a string.");
        }
        return node.coerceStringValue();
    }

    private static List<String> texts(JsonNode node) {
        if (!node.isArray()) {
            throw invalid("Invalid Policy: 'in' and 'not-in' need an array of values.");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode value : node.values()) {
            values.add(text(value));
        }
        return values;
    }

    private static long number(JsonNode node) {
        try {
            if (node.isNumber()) {
                return node.getLongValue();
            }
            if (node.isString()) {
                return Long.parseLong(node.getStringValue().trim());
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw invalid("Invalid Policy: content-length-range bounds must be integers.");
    }

    private static OssRejection invalid(String message) {
        return OssError.INVALID_POLICY_DOCUMENT.reject(message);
    }

    /** One policy condition on a form field. */
    sealed interface Condition {

        /** The lower-case form field it constrains, or {@code null} for content-length-range. */
        String field();

        boolean test(UnaryOperator<String> field);

        String describe();
    }

    record Eq(String field, String value) implements Condition {
        @Override
        public boolean test(UnaryOperator<String> form) {
            return value.equals(form.apply(field));
        }

        @Override
        public String describe() {
            return "[\"eq\", \"$" + field + "\", \"" + value + "\"]";
        }
    }

    record StartsWith(String field, String prefix) implements Condition {
        @Override
        public boolean test(UnaryOperator<String> form) {
            return form.apply(field).startsWith(prefix);
        }

        @Override
        public String describe() {
            return "[\"starts-with\", \"$" + field + "\", \"" + prefix + "\"]";
        }
    }

    record In(String field, List<String> values, boolean allowed) implements Condition {
        @Override
        public boolean test(UnaryOperator<String> form) {
            return values.contains(form.apply(field)) == allowed;
        }

        @Override
        public String describe() {
            return "[\"" + (allowed ? "in" : "not-in") + "\", \"$" + field + "\", " + values + "]";
        }
    }

    /** {@code content-length-range}: checked against the bytes actually received, not here. */
    record LengthRange(long min, long max) implements Condition {
        @Override
        public String field() {
            return null;
        }

        @Override
        public boolean test(UnaryOperator<String> form) {
            return true;
        }

        @Override
        public String describe() {
            return "[\"content-length-range\", " + min + ", " + max + "]";
        }
    }
}
