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

/**
 * JSON scalars are taken as sent: a number is not a string ({@code {"name": 123}}) and a string or a
 * fraction is not a whole number ({@code {"size": "12"}}, {@code 1.5}). Wrong types answer 400 instead of
 * being coerced.
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
                    return text;
                }
                throw mismatch(decoder, value, "a string");
            }
        };
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
