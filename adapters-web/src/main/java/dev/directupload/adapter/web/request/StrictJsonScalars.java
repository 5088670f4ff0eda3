package dev.directupload.adapter.web.request;

import io.micronaut.context.annotation.Factory;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * JSON scalars are taken as sent: a number is not a string ({@code {"name": 123}}), a string or a fraction is not a
 * whole number ({@code {"size": "12"}}, {@code 1.5}) and a number is not a time. Strings must be valid Unicode (no
 * unpaired surrogates, such as a lone U+D800). Wrong types answer 400 instead of being coerced.
 */
@Factory
final class StrictJsonScalars {

    @Singleton
    @Order(-100)
    Deserializer<String> strictStrings() {
        return new Strict<>() {
            @Override
            String convert(Decoder decoder, Object value) throws IOException {
                if (value instanceof String text) {
                    if (!wellFormed(text)) {
                        throw decoder.createDeserializationException(
                                "a string holds an unpaired UTF-16 surrogate (not valid Unicode)", null);
                    }
                    return text;
                }
                throw mismatch(decoder, value, "a string");
            }
        };
    }

    /**
     * Times are ISO-8601 strings with a zone ({@code 2026-01-28T08:00:00Z}, {@code +08:00}); a number is not a time (it
     * would be read as seconds or milliseconds, whichever the library guesses). The range is the use cases' rule.
     */
    @Singleton
    @Order(-100)
    Deserializer<Instant> strictInstants() {
        return new Strict<>() {
            @Override
            Instant convert(Decoder decoder, Object value) throws IOException {
                if (!(value instanceof String text)) {
                    throw mismatch(decoder, value, "an ISO-8601 time such as 2026-01-28T08:00:00Z");
                }
                try {
                    return Instant.parse(text);
                } catch (DateTimeParseException e) {
                    throw decoder.createDeserializationException(
                            "expected an ISO-8601 time such as 2026-01-28T08:00:00Z", null);
                }
            }
        };
    }

    /** False when {@code text} has a high surrogate without its low one or a low one alone: no UTF-8 can carry it. */
    static boolean wellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    @Singleton
    @Order(-100)
    Deserializer<Long> strictLongs() {
        return new Strict<>() {
            @Override
            Long convert(Decoder decoder, Object value) throws IOException {
                if (value instanceof Integer
                        || value instanceof Long
                        || value instanceof Short
                        || value instanceof Byte) {
                    return ((Number) value).longValue();
                }
                if (value instanceof BigInteger big && big.bitLength() < 64) {
                    return big.longValue();
                }
                if (value instanceof BigDecimal decimal
                        && decimal.stripTrailingZeros().scale() <= 0) {
                    return decimal.longValueExact();
                }
                throw mismatch(decoder, value, "a whole number");
            }
        };
    }

    /** Reads any JSON value and accepts it only if it has the wanted type. */
    private abstract static class Strict<T> implements Deserializer<T> {

        abstract T convert(Decoder decoder, Object value) throws IOException;

        @Override
        public T deserialize(Decoder decoder, DecoderContext context, Argument<? super T> type) throws IOException {
            return convert(decoder, decoder.decodeArbitrary());
        }

        @Override
        public T deserializeNullable(Decoder decoder, DecoderContext context, Argument<? super T> type)
                throws IOException {
            if (decoder.decodeNull()) {
                return null;
            }
            return deserialize(decoder, context, type);
        }

        static IOException mismatch(Decoder decoder, Object value, String wanted) {
            String got = value == null
                    ? "null"
                    : value instanceof String
                            ? "a string"
                            : value instanceof Number
                                    ? "a number"
                                    : value instanceof Boolean
                                            ? "a boolean"
                                            : value instanceof java.util.Map ? "an object" : "an array";
            return decoder.createDeserializationException("expected " + wanted + " but got " + got, value);
        }
    }
}
