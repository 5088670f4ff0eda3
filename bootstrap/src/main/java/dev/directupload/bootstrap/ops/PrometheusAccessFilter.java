package dev.directupload.bootstrap.ops;

import dev.directupload.adapter.web.error.ErrorBody;
import dev.directupload.domain.shared.ErrorCode;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.net.InetSocketAddress;

/**
 * {@code /prometheus} is never public by default: it answers clients on the loopback interface, and any client on
 * the management port ({@code endpoints.all.port}, when set); {@code metrics.prometheus.allow-remote=true} opens it
 * to every client. Anyone else gets 404, as if it did not exist.
 */
@ServerFilter("/prometheus/**")
final class PrometheusAccessFilter {

    private final Integer managementPort;
    private final boolean allowRemote;

    PrometheusAccessFilter(
            @Nullable @Value("${endpoints.all.port:}") Integer managementPort,
            @Value("${metrics.prometheus.allow-remote:false}") boolean allowRemote) {
        this.managementPort = managementPort;
        this.allowRemote = allowRemote;
    }

    @RequestFilter
    @Nullable
    HttpResponse<ErrorBody> guard(HttpRequest<?> request) {
        if (allowed(request)) {
            return null;
        }
        return HttpResponse.<ErrorBody>status(HttpStatus.NOT_FOUND)
                .body(new ErrorBody(ErrorCode.NOT_FOUND, "Page Not Found"));
    }

    private boolean allowed(HttpRequest<?> request) {
        if (allowRemote) {
            return true;
        }
        if (managementPort != null && request.getServerAddress().getPort() == managementPort) {
            return true;
        }
        InetSocketAddress client = request.getRemoteAddress();
        return client.getAddress() != null && client.getAddress().isLoopbackAddress();
    }
}
