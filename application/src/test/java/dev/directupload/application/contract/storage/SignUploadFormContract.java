package dev.directupload.application.contract.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.directupload.application.port.model.UploadForm;
import dev.directupload.application.port.out.storage.KeyCondition;
import dev.directupload.application.port.out.storage.SignUploadFormPort;
import dev.directupload.application.port.out.storage.SizeRange;
import dev.directupload.application.port.out.storage.UploadCallbackRequest;
import dev.directupload.application.port.out.storage.UploadFormRequest;
import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.media.ByteSize;
import dev.directupload.domain.storage.KeyPrefix;
import dev.directupload.domain.storage.ObjectKey;
import dev.directupload.domain.upload.UploadId;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SignUploadFormPort} adapter must sign: for the same request, the same policy conditions (read
 * from the Base64 policy JSON the form carries) and a complete form — every field a client must post is there and
 * agrees with the policy, so a client that posts exactly {@code fields} plus its file is accepted. Field names are
 * compared by meaning ({@link FormVocabulary}), since OSS and S3 name the signature fields differently.
 *
 * <p>Subclass once per adapter, with the adapter's clock fixed at {@link #now()}.
 */
public abstract class SignUploadFormContract {

    protected static final FamilyId FAMILY = new FamilyId("f_contract");
    protected static final ObjectKey KEY =
            new ObjectKey("families/f_contract/objects/9e/9e107d9d372bb6826bd81d3542a419d6.jpg");
    protected static final KeyPrefix PREFIX = new KeyPrefix("families/f_contract/incoming/u_1/");
    /** OSS's form field (and header) that makes a PostObject refuse an existing key. */
    protected static final String FORBID_OVERWRITE = "x-oss-forbid-overwrite";

    /** The adapter under test. */
    protected abstract SignUploadFormPort port();

    /** The bucket its policies must name. */
    protected abstract String bucket();

    /** What the adapter's clock reads while it signs. */
    protected abstract Instant now();

    /** The names of its signature fields. */
    protected abstract FormVocabulary vocabulary();

    /**
     * Whether this store's forms can forbid overwriting (OSS and the local store: yes; S3/MinIO: no). The contract
     * holds the adapter's {@link SignUploadFormPort#canForbidOverwrite()} to it.
     */
    protected abstract boolean forbidsOverwrite();

    /**
     * Whether this store's forms can carry an upload callback (OSS and the local store: yes; S3/MinIO: no). The
     * contract holds the adapter's {@link SignUploadFormPort#canCallBack()} to it.
     */
    protected boolean callsBack() {
        return false;
    }

    /** When its signing credentials expire; empty for a key that does not. */
    protected Optional<Instant> credentialsExpireAt() {
        return Optional.empty();
    }

    /**
     * False for stores whose policies cannot pin a set of content types (S3 has no {@code in}): such an adapter must
     * refuse the request rather than sign a looser policy.
     */
    protected boolean pinsSeveralContentTypes() {
        return true;
    }

    // ---- the cases ----

    @Test
    void exactKeyWithOneType_pinsKeyExactSizeTypeAndStatus_andTheFormPostsTheType() {
        UploadFormRequest request = exact(Set.of("image/jpeg"), Duration.ofMinutes(10));

        Signed signed = sign(request);

        assertThat(signed.conditionsOn("key")).containsExactly(new Condition("eq", "key", List.of(KEY.value())));
        assertThat(signed.lengthRange()).containsExactly(2_481_337L, 2_481_337L);
        assertThat(signed.allowedContentTypes()).contains(Set.of("image/jpeg"));
        assertThat(signed.field("Content-Type")).contains("image/jpeg");
    }

    @Test
    void exactKeyWithoutTypes_pinsNoContentType_andTheFormSendsNone() {
        Signed signed = sign(exact(Set.of(), Duration.ofMinutes(10)));

        assertThat(signed.conditionsOn("content-type")).isEmpty();
        assertThat(signed.field("Content-Type")).isEmpty();
    }

    @Test
    void exactKeyWithSeveralTypes_pinsExactlyThoseTypes_orIsRefused() {
        UploadFormRequest request = exact(Set.of("image/jpeg", "video/mp4"), Duration.ofMinutes(10));
        if (!pinsSeveralContentTypes()) {
            assertThatThrownBy(() -> port().sign(request)).isInstanceOf(IllegalArgumentException.class);
            return;
        }
        Signed signed = sign(request);

        assertThat(signed.allowedContentTypes()).contains(Set.of("image/jpeg", "video/mp4"));
        assertThat(signed.field("Content-Type")).isEmpty();
    }

    @Test
    void prefixForm_startsWithTheBarePrefix_rangeFromOne_pinsNoType_andItsKeyFieldIsThePrefix() {
        UploadFormRequest request = new UploadFormRequest(
                FAMILY,
                new KeyCondition.Prefix(PREFIX),
                SizeRange.upTo(ByteSize.ofMegabytes(50)),
                Set.of(),
                Duration.ofMinutes(5));

        Signed signed = sign(request);

        assertThat(signed.conditionsOn("key"))
                .containsExactly(new Condition("starts-with", "key", List.of(PREFIX.value())));
        assertThat(signed.lengthRange()).containsExactly(1L, 50L * 1024 * 1024);
        assertThat(signed.conditionsOn("content-type")).isEmpty();
        // the article's client replaces it with file_base_path + "/" + its own name, inside the prefix
        assertThat(signed.field("key")).contains(PREFIX.value());
    }

    @Test
    void forbidOverwrite_isPinnedByAnEqConditionAndPosted_whereTheStoreCanForbid_elseRefused() {
        assertThat(port().canForbidOverwrite()).as("canForbidOverwrite").isEqualTo(forbidsOverwrite());
        UploadFormRequest request = new UploadFormRequest(
                FAMILY,
                new KeyCondition.Exact(KEY),
                SizeRange.exactly(ByteSize.ofBytes(2_481_337)),
                Set.of("image/jpeg"),
                Duration.ofMinutes(10),
                true);
        if (!forbidsOverwrite()) {
            assertThatThrownBy(() -> port().sign(request)).isInstanceOf(IllegalArgumentException.class);
            return;
        }

        Signed signed = sign(request);

        assertThat(signed.conditionsOn(FORBID_OVERWRITE))
                .containsExactly(new Condition("eq", FORBID_OVERWRITE, List.of("true")));
        assertThat(signed.field(FORBID_OVERWRITE)).contains("true");
    }

    @Test
    void uploadCallback_isPostedAndPinnedExactly_whereTheStoreCanCallBack_elseRefused() {
        assertThat(port().canCallBack()).as("canCallBack").isEqualTo(callsBack());
        UploadFormRequest request = new UploadFormRequest(
                FAMILY,
                new KeyCondition.Exact(KEY),
                SizeRange.exactly(ByteSize.ofBytes(2_481_337)),
                Set.of("image/jpeg"),
                Duration.ofMinutes(10),
                forbidsOverwrite(),
                Optional.of(new UploadCallbackRequest(
                        URI.create("https://api.example.com/oss/callback"), new UploadId("up_contract"))));
        if (!callsBack()) {
            assertThatThrownBy(() -> port().sign(request)).isInstanceOf(IllegalArgumentException.class);
            return;
        }

        Signed signed = sign(request);

        String callback = signed.field("callback").orElseThrow();
        assertThat(signed.conditionsOn("callback")).containsExactly(new Condition("eq", "callback", List.of(callback)));
        assertThat(signed.field("x:upload_id")).contains("up_contract");
        assertThat(signed.conditionsOn("x:upload_id"))
                .containsExactly(new Condition("eq", "x:upload_id", List.of("up_contract")));
        Object json = PolicyJson.parse(new String(Base64.getDecoder().decode(callback), StandardCharsets.UTF_8));
        assertThat(json).isInstanceOf(Map.class);
        Map<?, ?> configuration = (Map<?, ?>) json;
        assertThat(configuration.get("callbackUrl")).isEqualTo("https://api.example.com/oss/callback");
        assertThat(configuration.get("callbackBody")).isEqualTo(UploadCallbackRequest.BODY_TEMPLATE);
        assertThat(configuration.get("callbackBodyType")).isEqualTo("application/json");
    }

    @Test
    void longestTtl_expiresWithinTheTtlAndNeverAfterTheCredentials() {
        Signed signed = sign(exact(Set.of("image/jpeg"), Duration.ofMinutes(15)));

        assertThat(signed.expiration()).isAfter(now());
    }

    @Test
    void shortTtl_expiresWithinIt() {
        Signed signed = sign(exact(Set.of("image/jpeg"), Duration.ofSeconds(90)));

        assertThat(signed.expiration()).isAfter(now()).isBeforeOrEqualTo(now().plusSeconds(90));
    }

    @Test
    void signAll_answersEachRequestInOrder_withTheFormSignFollowsTheSameRulesFor() {
        List<UploadFormRequest> requests = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            requests.add(new UploadFormRequest(
                    FAMILY,
                    new KeyCondition.Exact(new ObjectKey(KEY.value().replace(".jpg", "-" + i + ".jpg"))),
                    SizeRange.exactly(ByteSize.ofBytes(1_000 + i)),
                    Set.of("image/jpeg"),
                    Duration.ofMinutes(10)));
        }

        List<UploadForm> forms = port().signAll(requests);

        assertThat(forms).hasSize(3);
        for (int i = 0; i < 3; i++) {
            Signed signed = checked(requests.get(i), forms.get(i));
            assertThat(signed.lengthRange()).containsExactly(1_000L + i, 1_000L + i);
        }
        assertThat(port().signAll(List.of())).isEmpty();
    }

    // ---- what every signed form must satisfy, whatever the request ----

    /** Signs {@code request} and checks every rule that holds for any request. */
    protected Signed sign(UploadFormRequest request) {
        return checked(request, port().sign(request));
    }

    /** Checks every rule that holds for any request on the form signed for {@code request}. */
    protected Signed checked(UploadFormRequest request, UploadForm form) {
        Signed signed = Signed.read(form);
        FormVocabulary names = vocabulary();

        assertThat(form.url()).as("url").isNotBlank();
        assertThat(signed.conditionsOn("bucket"))
                .as("bucket condition")
                .containsExactly(new Condition("eq", "bucket", List.of(bucket())));
        assertThat(signed.conditionsOn("key")).as("key condition").hasSize(1);
        Condition key = signed.conditionsOn("key").get(0);
        assertThat(key.value()).isEqualTo(request.key().value());
        assertThat(key.operator()).isEqualTo(request.key() instanceof KeyCondition.Exact ? "eq" : "starts-with");
        assertThat(signed.lengthRange())
                .as("content-length-range")
                .containsExactly(
                        request.size().min().bytes(), request.size().max().bytes());
        if (request.contentTypes().isEmpty()) {
            assertThat(signed.conditionsOn("content-type")).as("content type").isEmpty();
        } else {
            assertThat(signed.allowedContentTypes()).as("content types").contains(request.contentTypes());
        }
        assertThat(signed.conditionsOn("success_action_status"))
                .containsExactly(new Condition("eq", "success_action_status", List.of("200")));
        if (request.callback().isEmpty()) {
            assertThat(signed.field("callback")).as("no callback unasked").isEmpty();
            assertThat(signed.conditionsOn("callback"))
                    .as("no callback condition unasked")
                    .isEmpty();
        }
        if (!request.forbidOverwrite()) {
            assertThat(signed.conditionsOn(FORBID_OVERWRITE))
                    .as("no forbid-overwrite unasked")
                    .isEmpty();
            assertThat(signed.field(FORBID_OVERWRITE))
                    .as("no forbid-overwrite field unasked")
                    .isEmpty();
        }

        // expiry: after now, within the TTL, never after the credentials; the form says the policy's expiry
        Instant limit = now().plus(request.ttl());
        if (credentialsExpireAt().isPresent() && credentialsExpireAt().get().isBefore(limit)) {
            limit = credentialsExpireAt().get();
        }
        assertThat(signed.expiration()).as("policy expiration").isAfter(now()).isBeforeOrEqualTo(limit);
        assertThat(form.expiresAt().truncatedTo(ChronoUnit.MILLIS))
                .as("form expiresAt")
                .isEqualTo(signed.expiration());

        // the signature fields: present, and the policy pins what the form posts
        for (String name : List.of(
                "key",
                "policy",
                names.algorithmField(),
                names.credentialField(),
                names.dateField(),
                names.signatureField(),
                "success_action_status")) {
            assertThat(signed.field(name))
                    .as("form field " + name)
                    .hasValueSatisfying(v -> assertThat(v).isNotBlank());
        }
        assertThat(signed.field(names.algorithmField())).contains(names.algorithm());
        assertThat(signed.field("success_action_status")).contains("200");
        assertThat(signed.field("key")).contains(request.key().value());
        String date = signed.field(names.dateField()).orElseThrow();
        assertThat(date).matches("\\d{8}T\\d{6}Z");
        assertThat(signed.field(names.credentialField()).orElseThrow()).contains("/" + date.substring(0, 8) + "/");
        for (String pinned : List.of(names.algorithmField(), names.credentialField(), names.dateField())) {
            assertThat(signed.conditionsOn(pinned))
                    .as("policy pins " + pinned)
                    .containsExactly(new Condition(
                            "eq", pinned, List.of(signed.field(pinned).orElseThrow())));
        }
        if (signed.field(names.securityTokenField()).isPresent()
                || !signed.conditionsOn(names.securityTokenField()).isEmpty()) {
            assertThat(signed.conditionsOn(names.securityTokenField()))
                    .as("policy pins the security token the form posts")
                    .containsExactly(new Condition(
                            "eq",
                            names.securityTokenField(),
                            List.of(signed.field(names.securityTokenField()).orElseThrow())));
        }
        assertThat(signed.field("Content-Type"))
                .as("a single pinned type is a form field")
                .isEqualTo(
                        request.contentTypes().size() == 1
                                ? request.contentTypes().stream().findFirst()
                                : Optional.empty());

        // every posted field is covered by the policy and satisfies it; every pinned field is posted
        for (Map.Entry<String, String> field : signed.fields().entrySet()) {
            String name = field.getKey();
            if (name.equals("policy") || name.equals(names.signatureField())) {
                continue;
            }
            List<Condition> on = signed.conditionsOn(name);
            assertThat(on).as("policy covers form field " + name).isNotEmpty();
            for (Condition condition : on) {
                assertThat(condition.acceptsValue(field.getValue()))
                        .as("form field %s=%s satisfies %s", name, field.getValue(), condition)
                        .isTrue();
            }
        }
        for (Condition condition : signed.conditions()) {
            if (condition.operator().equals("eq") && !condition.field().equals("bucket")) {
                assertThat(signed.field(condition.field()))
                        .as("the form posts the pinned field " + condition.field())
                        .contains(condition.value());
            }
        }
        return signed;
    }

    protected static UploadFormRequest exact(Set<String> types, Duration ttl) {
        return new UploadFormRequest(
                FAMILY, new KeyCondition.Exact(KEY), SizeRange.exactly(ByteSize.ofBytes(2_481_337)), types, ttl);
    }

    /** One policy condition, normalised: lower-case field without '$'; content-length-range has no field. */
    protected record Condition(String operator, String field, List<String> values) {

        String value() {
            return values.get(0);
        }

        boolean acceptsValue(String value) {
            return switch (operator) {
                case "eq" -> values.get(0).equals(value);
                case "starts-with" -> value.startsWith(values.get(0));
                case "in" -> values.contains(value);
                default -> throw new AssertionError("unexpected condition " + this);
            };
        }
    }

    /** A signed form with its policy decoded. */
    protected record Signed(Map<String, String> fields, Instant expiration, List<Condition> conditions) {

        static Signed read(UploadForm form) {
            Map<String, String> fields = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            form.fields()
                    .forEach((name, value) -> assertThat(fields.put(name, value))
                            .as("form field %s appears once", name)
                            .isNull());
            String policy = fields.get("policy");
            assertThat(policy).as("policy field").isNotNull().matches("[A-Za-z0-9+/]+={0,2}");
            Object json = PolicyJson.parse(new String(Base64.getDecoder().decode(policy), StandardCharsets.UTF_8));
            assertThat(json).as("policy document").isInstanceOf(Map.class);
            Map<?, ?> document = (Map<?, ?>) json;
            assertThat(new ArrayList<Object>(document.keySet()))
                    .as("policy members")
                    .containsExactlyInAnyOrder("expiration", "conditions");
            Instant expiration = Instant.parse((String) document.get("expiration"));
            List<Condition> conditions = new ArrayList<>();
            for (Object item : (List<?>) document.get("conditions")) {
                conditions.add(condition(item));
            }
            return new Signed(fields, expiration, conditions);
        }

        private static Condition condition(Object item) {
            if (item instanceof Map<?, ?> simple) {
                assertThat(simple).as("simple condition %s", simple).hasSize(1);
                Map.Entry<?, ?> entry = simple.entrySet().iterator().next();
                return new Condition("eq", lower((String) entry.getKey()), List.of((String) entry.getValue()));
            }
            List<?> array = (List<?>) item;
            String operator = ((String) array.get(0)).toLowerCase(Locale.ROOT);
            if (operator.equals("content-length-range")) {
                assertThat(array).hasSize(3);
                return new Condition(
                        operator,
                        null,
                        List.of(
                                number(array.get(1)).toPlainString(),
                                number(array.get(2)).toPlainString()));
            }
            assertThat(array).as("condition %s", array).hasSize(3);
            String variable = (String) array.get(1);
            assertThat(variable).as("condition field").startsWith("$");
            String field = lower(variable.substring(1));
            if (operator.equals("in")) {
                List<String> values = new ArrayList<>();
                for (Object value : (List<?>) array.get(2)) {
                    values.add((String) value);
                }
                return new Condition(operator, field, values);
            }
            assertThat(operator).as("condition operator").isIn("eq", "starts-with");
            return new Condition(operator, field, List.of((String) array.get(2)));
        }

        private static BigDecimal number(Object value) {
            return value instanceof BigDecimal number ? number : new BigDecimal((String) value);
        }

        private static String lower(String name) {
            return name.toLowerCase(Locale.ROOT);
        }

        /** A form field by case-insensitive name. */
        public Optional<String> field(String name) {
            return Optional.ofNullable(fields.get(name));
        }

        /** The conditions on one field, by case-insensitive name. */
        public List<Condition> conditionsOn(String field) {
            String name = lower(field);
            return conditions.stream().filter(c -> name.equals(c.field())).toList();
        }

        /** The one content-length-range as [min, max]. */
        public List<Long> lengthRange() {
            List<Condition> ranges = conditions.stream()
                    .filter(c -> c.operator().equals("content-length-range"))
                    .toList();
            assertThat(ranges).as("exactly one content-length-range").hasSize(1);
            return ranges.get(0).values().stream().map(Long::valueOf).toList();
        }

        /** The set of Content-Type values the policy allows, when it constrains the type at all. */
        public Optional<Set<String>> allowedContentTypes() {
            List<Condition> on = conditionsOn("content-type");
            if (on.isEmpty()) {
                return Optional.empty();
            }
            assertThat(on).as("one content-type condition").hasSize(1);
            Condition condition = on.get(0);
            assertThat(condition.operator())
                    .as("content type is pinned, not prefixed")
                    .isIn("eq", "in");
            return Optional.of(new LinkedHashSet<>(condition.values()));
        }
    }
}
