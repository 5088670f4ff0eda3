package dev.directupload.bootstrap;

import dev.directupload.bootstrap.ops.CleanExit;
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
            "dev.directupload.adapter.localstorage.http.LocalOssController",
            "dev.directupload.bootstrap.ops.LivenessHealthEndpoint",
            "io.micronaut.configuration.metrics.micrometer.prometheus.management.PrometheusEndpoint"
        })
public final class Application {

    private Application() {}

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
        CleanExit.onSigterm();
    }
}
