package dev.directupload.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The column list of each repository's insert and the row properties bound to it are written side by side; this
 * keeps them in the same order (column {@code size_bytes} gets {@code :sizeBytes}), and every {@code SET} of an
 * upsert assigns a column its own property.
 */
class RepositoryColumnsTest {

    private static final Pattern ASSIGNMENT = Pattern.compile("(\\w+) = :(\\w+)");

    @ParameterizedTest
    @ValueSource(
            strings = {
                "album.AlbumRepository",
                "family.FamilyRepository",
                "family.InviteRepository",
                "family.MembershipRepository",
                "identity.UserRepository",
                "media.MediaFileRepository",
                "media.PendingDeletionRepository",
                "media.StoredObjectRepository"
                // upload.UploadSlotRepository inserts through saveAll, generated from the mapped row itself
            })
    void insertBindsEachColumnToItsProperty(String repository) throws Exception {
        Class<?> type = Class.forName(getClass().getPackageName() + "." + repository);
        List<String> columns = split(constant(type, "COLUMNS"));
        List<String> parameters = split(constant(type, "PARAMETERS"));

        assertThat(parameters)
                .as("%s: PARAMETERS in the order of COLUMNS", repository)
                .isEqualTo(columns.stream().map(c -> ":" + property(c)).toList());
        assertThat(constant(type, "INSERT")).contains("(" + constant(type, "COLUMNS") + ")");

        String update = optionalConstant(type, "UPDATE");
        if (update != null) {
            List<String> assignments = split(update);
            for (String assignment : assignments) {
                Matcher m = ASSIGNMENT.matcher(assignment);
                assertThat(m.matches())
                        .as("%s: '%s' is 'column = :property'", repository, assignment)
                        .isTrue();
                assertThat(m.group(2)).as("%s: %s", repository, assignment).isEqualTo(property(m.group(1)));
                assertThat(columns).contains(m.group(1));
            }
        }
    }

    private static List<String> split(String list) {
        return Arrays.stream(list.split(",")).map(String::strip).toList();
    }

    private static String property(String column) {
        StringBuilder property = new StringBuilder();
        boolean upper = false;
        for (char c : column.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                property.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return property.toString();
    }

    private static String constant(Class<?> type, String name) throws ReflectiveOperationException {
        String value = optionalConstant(type, name);
        assertThat(value).as("%s.%s", type.getSimpleName(), name).isNotNull();
        return value;
    }

    private static String optionalConstant(Class<?> type, String name) throws ReflectiveOperationException {
        Field field;
        try {
            field = type.getDeclaredField(name);
        } catch (NoSuchFieldException e) {
            return null;
        }
        field.setAccessible(true);
        return (String) field.get(null);
    }
}
