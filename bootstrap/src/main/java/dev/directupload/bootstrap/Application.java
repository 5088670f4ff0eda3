package dev.directupload.bootstrap;

import dev.directupload.bootstrap.ops.CleanExit;
import dev.directupload.settings.InvalidSettingsException;
import io.micronaut.context.env.Environment;
import io.micronaut.openapi.annotation.OpenAPIInclude;
import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;

/** Starts the direct-upload service. */
@OpenAPIDefinition(
        info =
                @Info(
                        title = "direct-upload",
                        version = "0.1",
                        description = "Direct uploads to OSS with server-signed V4 POST policies; the reference in"
                                + " words is docs/api.md.",
                        license = @License(name = "see the repository")))
@OpenAPIInclude(
        classNames = {
            "dev.directupload.adapter.web.auth.AuthController",
            "dev.directupload.adapter.web.family.FamilyController",
            "dev.directupload.adapter.web.album.AlbumController",
            "dev.directupload.adapter.web.upload.UploadController",
            "dev.directupload.adapter.web.photo.PhotoController",
            "dev.directupload.adapter.web.compat.ArticleCompatController",
            "dev.directupload.adapter.web.compat.SignatureController",
            "dev.directupload.adapter.web.callback.OssCallbackController",
            "dev.directupload.adapter.localstorage.http.LocalOssController",
            "dev.directupload.bootstrap.ops.LivenessHealthEndpoint",
            "io.micronaut.configuration.metrics.micrometer.prometheus.management.PrometheusEndpoint"
        })
public final class Application {

    private Application() {}

    public static void main(String[] args) {
        new Micronaut() {
            /**
             * A configuration mistake ends the start with its one readable block on standard error and status 1, no
             * stack trace; any other failure is a bug and keeps Micronaut's report with its trace.
             */
            @Override
            protected void handleStartupException(Environment environment, Throwable exception) {
                InvalidSettingsException invalid = InvalidSettingsException.findIn(exception);
                if (invalid == null) {
                    super.handleStartupException(environment, exception);
                    return;
                }
                System.err.println(invalid.getMessage());
                System.err.flush();
                System.exit(1);
            }
        }.classes(Application.class).args(args).start();
        CleanExit.onSigterm();
    }
}
