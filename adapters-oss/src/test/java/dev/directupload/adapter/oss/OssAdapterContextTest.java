package dev.directupload.adapter.oss;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.directupload.adapter.oss.testing.FakeSts;
import dev.directupload.application.port.model.UploadForm;
import dev.directupload.application.port.out.storage.CopyObjectPort;
import dev.directupload.application.port.out.storage.DeleteObjectPort;
import dev.directupload.application.port.out.storage.InspectObjectPort;
import dev.directupload.application.port.out.storage.KeyCondition;
import dev.directupload.application.port.out.storage.ListObjectsPort;
import dev.directupload.application.port.out.storage.PresignDownloadPort;
import dev.directupload.application.port.out.storage.SignUploadFormPort;
import dev.directupload.application.port.out.storage.SizeRange;
import dev.directupload.application.port.out.storage.UploadFormRequest;
import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.media.ByteSize;
import dev.directupload.domain.storage.ObjectKey;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The adapter inside a Micronaut context: activation by storage.provider, fail-fast configuration, both modes. */
class OssAdapterContextTest {

    private static Map<String, Object> complete() {
        Map<String, Object> config = new HashMap<>();
        config.put("storage.provider", "oss");
        config.put("oss.region", "oss-cn-hangzhou");
        config.put("oss.bucket", "album-bucket");
        config.put("oss.access-key-id", "LTAI-test");
        config.put("oss.access-key-secret", "test-secret");
        return config;
    }

    private static UploadFormRequest request() {
        FamilyId family = new FamilyId("f_9");
        return new UploadFormRequest(
                family,
                new KeyCondition.Exact(new ObjectKey("families/f_9/objects/ab/x.jpg")),
                SizeRange.exactly(ByteSize.ofBytes(5)),
                Set.of("image/jpeg"),
                Duration.ofMinutes(10));
    }

    @Test
    void staticKeyMode_wiresEveryPortAndWarnsAtStart() {
        Logger logger = (Logger) LoggerFactory.getLogger(OssStartupCheck.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try (ApplicationContext context = ApplicationContext.run(complete())) {
            assertThat(appender.list).anySatisfy(event -> {
                assertThat(event.getLevel()).isEqualTo(Level.WARN);
                assertThat(event.getFormattedMessage()).contains("static-key mode");
            });
            UploadForm form = context.getBean(SignUploadFormPort.class).sign(request());
            assertThat(form.url()).isEqualTo("https://album-bucket.oss-cn-hangzhou.aliyuncs.com");
            assertThat(form.fields().get("x-oss-credential"))
                    .startsWith("LTAI-test/")
                    .endsWith("/cn-hangzhou/oss/aliyun_v4_request");
            assertThat(form.fields()).doesNotContainKey("x-oss-security-token");
            assertThat(context.getBean(InspectObjectPort.class))
                    .isSameAs(context.getBean(DeleteObjectPort.class))
                    .isSameAs(context.getBean(PresignDownloadPort.class));
            assertThat(context.findBean(CopyObjectPort.class)).isPresent();
            assertThat(context.findBean(ListObjectsPort.class)).isPresent();
            assertThat(context.getBean(SignUploadFormPort.class).canForbidOverwrite())
                    .isTrue();
        } finally {
            logger.detachAppender(appender);
        }
    }

    @Test
    void stsMode_issuesCredentialsFromTheConfiguredStsEndpoint() throws Exception {
        try (FakeSts sts = new FakeSts()) {
            Map<String, Object> config = complete();
            config.put("oss.sts.role-arn", "acs:ram::1:role/uploader");
            config.put("oss.sts.endpoint", sts.endpoint());
            config.put("oss.sts.duration", "900s");
            config.put("oss.sts.cache-size", "2");
            try (ApplicationContext context = ApplicationContext.run(config)) {
                assertThat(context.getBean(OssProperties.class).sts().cacheSize())
                        .isEqualTo(2);
                UploadForm form = context.getBean(SignUploadFormPort.class).sign(request());
                context.getBean(SignUploadFormPort.class).sign(request());
                assertThat(form.fields()).containsEntry("x-oss-security-token", "CAIS/fakeToken+1==");
                assertThat(sts.calls()).isEqualTo(1);
                assertThat(sts.requests().get(0))
                        .containsEntry("DurationSeconds", "900")
                        .containsEntry("RoleArn", "acs:ram::1:role/uploader");
            }
        }
    }

    @Test
    void missingSetting_failsStartNamingIt() {
        for (String missing : new String[] {"oss.bucket", "oss.region", "oss.access-key-id", "oss.access-key-secret"}) {
            Map<String, Object> config = complete();
            config.remove(missing);
            Throwable thrown = org.junit.jupiter.api.Assertions.assertThrows(
                    RuntimeException.class, () -> ApplicationContext.run(config).close());
            assertThat(dev.directupload.settings.InvalidSettingsException.findIn(thrown)
                            .problems())
                    .as(missing)
                    .containsExactly(
                            new dev.directupload.settings.Problem(missing, null, "required with storage.provider=oss"));
        }
    }

    @Test
    void otherProvider_activatesNothingAndNeedsNoOssSettings() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("storage.provider", "local"))) {
            assertThat(context.findBean(SignUploadFormPort.class)).isEmpty();
            assertThat(context.findBean(InspectObjectPort.class)).isEmpty();
            assertThat(context.findBean(OssProperties.class)).isEmpty();
        }
    }
}
