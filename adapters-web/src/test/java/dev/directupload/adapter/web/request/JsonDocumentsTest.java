package dev.directupload.adapter.web.request;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonDocumentsTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"name\":\"x\"} xyz",
                "{\"name\":\"x\"}{}",
                " [1,2] 3",
                "{\"a\":{\"b\":[{}]}}\n,",
                "{\"s\":\"} ] \\\" {\"} x",
                "{}\u0000"
            })
    void contentAfterTheFirstDocument_isFound(String text) {
        assertThat(JsonDocuments.hasContentAfterTheDocument(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"name\":\"x\"}",
                " {\"name\":\"x\"} \r\n\t ",
                "[{\"s\":\"}\\\\\"}]",
                "{\"s\":\"\\\"}\"}",
                "",
                "   ",
                "{\"family_id\":",
                "\"text\" more",
                "12 13"
            })
    void oneDocument_orTextTheJsonReaderJudges_isLeftAlone(String text) {
        assertThat(JsonDocuments.hasContentAfterTheDocument(text)).isFalse();
    }
}
