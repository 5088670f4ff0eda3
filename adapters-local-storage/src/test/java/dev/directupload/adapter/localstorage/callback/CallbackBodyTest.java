package dev.directupload.adapter.localstorage.callback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallbackBodyTest {

    private static final CallbackBody.StoredFacts FACTS =
            new CallbackBody.StoredFacts("album-local", "families/f1/a \"b\".jpg", "9E10", 2048, "image/jpeg");

    private static Optional<String> vars(String name) {
        return Optional.ofNullable(
                Map.of("x:upload_id", "up_1", "x:note", "a&b=c").get(name));
    }

    @Test
    void json_rendersEachVariableAsAJsonValue_sizeAsANumber() {
        String body = CallbackBody.render(
                "{\"bucket\":${bucket},\"object\":${object},\"etag\":${etag},\"size\":${size},"
                        + "\"mime_type\":${mimeType},\"upload_id\":${x:upload_id},\"w\":${imageInfo.width},"
                        + "\"missing\":${x:missing}}",
                CallbackConfiguration.JSON,
                FACTS,
                CallbackBodyTest::vars);

        assertThat(body)
                .isEqualTo("{\"bucket\":\"album-local\",\"object\":\"families/f1/a \\\"b\\\".jpg\",\"etag\":\"9E10\","
                        + "\"size\":2048,\"mime_type\":\"image/jpeg\",\"upload_id\":\"up_1\",\"w\":\"\","
                        + "\"missing\":\"\"}");
    }

    @Test
    void formUrlEncoded_rendersUrlEncodedValues() {
        String body = CallbackBody.render(
                "object=${object}&size=${size}&note=${x:note}&open=${unterminated",
                CallbackConfiguration.FORM_URLENCODED,
                FACTS,
                CallbackBodyTest::vars);

        assertThat(body).isEqualTo("object=families%2Ff1%2Fa+%22b%22.jpg&size=2048&note=a%26b%3Dc&open=${unterminated");
    }
}
