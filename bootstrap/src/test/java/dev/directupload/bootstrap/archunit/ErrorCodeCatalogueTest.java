package dev.directupload.bootstrap.archunit;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.directupload.adapter.web.error.ErrorBody;
import dev.directupload.domain.shared.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The error-code catalogue, the code base and the project's API reference agree: the reference lists every
 * code the service can produce and none it cannot.
 */
class ErrorCodeCatalogueTest {

    private static final Path REFERENCE = Path.of("..", "docs", "api.md");
    private static final Pattern CODE_ROW = Pattern.compile("^\\| `([a-z0-9_]+)` \\|");

    private static JavaClasses product;

    @BeforeAll
    static void importProduct() {
        product = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.directupload");
    }

    @Test
    void theReferenceListsExactlyTheCatalogue() throws IOException {
        Set<String> catalogue = Arrays.stream(ErrorCode.values())
                .map(ErrorCode::wireName)
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(documentedCodes(Files.readAllLines(REFERENCE)))
                .as("codes in the Error codes table of docs/api.md")
                .containsExactlyInAnyOrderElementsOf(catalogue);
    }

    @Test
    void everyCodeOfTheCatalogueIsProducedSomewhere() {
        assertThat(unusedCodes(product)).as("codes no product class refers to").isEmpty();
    }

    /**
     * A code the service can produce but the reference lacks could only come from a code written as a string: the
     * error body's string constructor is called by nothing but the body itself (from an {@link ErrorCode}) and the
     * serialization code generated for it.
     */
    @Test
    void errorBodiesTakeTheirCodesFromTheCatalogueOnly() {
        assertThat(bodiesBuiltFromStrings(product)).isEmpty();
    }

    @Test
    void anErrorBodyBuiltFromAString_isReported() {
        JavaClasses offending = new ClassFileImporter().importClasses(ErrorBody.class, MadeUpCode.class);
        assertThat(bodiesBuiltFromStrings(offending)).singleElement().asString().contains("MadeUpCode");
    }

    /** Callers of {@code ErrorBody(String code, String message, String requestId)} other than ErrorBody and generated code. */
    static Set<String> bodiesBuiltFromStrings(JavaClasses classes) {
        JavaClass body = classes.get(ErrorBody.class);
        Set<String> callers = new TreeSet<>();
        body.getConstructors().stream()
                .filter(c -> c.getRawParameterTypes().stream().allMatch(t -> t.isEquivalentTo(String.class)))
                .flatMap(c -> c.getCallsOfSelf().stream())
                .map(call -> call.getOriginOwner())
                .filter(owner -> !owner.isEquivalentTo(ErrorBody.class))
                .filter(owner -> !owner.getSimpleName().startsWith("$"))
                .forEach(owner -> callers.add(owner.getName()));
        return callers;
    }

    static final class MadeUpCode {
        static ErrorBody answer() {
            return new ErrorBody("made_up_code", "not in the catalogue", null);
        }
    }

    @Test
    void aCodeNoClassUses_isReported() {
        JavaClasses onlyTheCatalogue = new ClassFileImporter().importClasses(ErrorCode.class);
        assertThat(unusedCodes(onlyTheCatalogue)).contains("album_not_found", "rate_limited");
    }

    @Test
    void theReferenceParser_readsOnlyTheErrorCodesTable() {
        List<String> page = List.of(
                "| `limit` when listing | 1–100 | 400 `invalid_limit` |",
                "## Error codes",
                "| code | status | when |",
                "|---|---|---|",
                "| `album_not_found` | 404 | … |",
                "| `rate_limited` | 429 | … |",
                "",
                "## Next",
                "| `not_a_code` | 1 | … |");
        assertThat(documentedCodes(page)).containsExactly("album_not_found", "rate_limited");
    }

    /** The codes of the table under the "## Error codes" heading, in order. */
    static Set<String> documentedCodes(List<String> lines) {
        Set<String> codes = new LinkedHashSet<>();
        boolean inSection = false;
        for (String line : lines) {
            if (line.startsWith("## ")) {
                inSection = line.strip().equals("## Error codes");
                continue;
            }
            Matcher row = CODE_ROW.matcher(line);
            if (inSection && row.find()) {
                codes.add(row.group(1));
            }
        }
        return codes;
    }

    /** Wire names of the constants that no class but the catalogue itself reads. */
    static Set<String> unusedCodes(JavaClasses classes) {
        JavaClass catalogue = classes.get(ErrorCode.class);
        Set<String> unused = new TreeSet<>();
        for (JavaField constant : catalogue.getFields()) {
            if (!constant.getRawType().isEquivalentTo(ErrorCode.class)) {
                continue;
            }
            boolean read = constant.getAccessesToSelf().stream()
                    .anyMatch(access -> !access.getOriginOwner().isEquivalentTo(ErrorCode.class));
            if (!read) {
                unused.add(ErrorCode.valueOf(constant.getName()).wireName());
            }
        }
        return unused;
    }
}
