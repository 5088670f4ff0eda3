package dev.directupload.bootstrap;

import io.micronaut.context.env.Environment;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Development login hands a token for any user name to anyone who can reach the service. While it is on, the
 * server listens on 127.0.0.1 only, unless {@code micronaut.server.host} names an address (a phone on the LAN needs
 * one), and the start says so in one WARN line. Dev login is on when {@code auth.dev-login.enabled} is true, or unset
 * with the local store (the rule of adapters-web's {@code DevLoginPolicy}, which refuses it with any other store).
 */
@Singleton
final class DevLoginBinding implements BeanCreatedEventListener<NettyHttpServerConfiguration> {

    private static final String LOOPBACK = "127.0.0.1";
    private static final Logger LOG = LoggerFactory.getLogger(DevLoginBinding.class);

    private final boolean devLogin;

    DevLoginBinding(Environment environment) {
        boolean local = "local"
                .equals(environment
                        .getProperty("storage.provider", String.class)
                        .orElse("local"));
        this.devLogin =
                environment.getProperty("auth.dev-login.enabled", Boolean.class).orElse(local);
    }

    @Override
    public NettyHttpServerConfiguration onCreated(BeanCreatedEvent<NettyHttpServerConfiguration> event) {
        NettyHttpServerConfiguration server = event.getBean();
        if (!devLogin) {
            return server;
        }
        if (server.getHost().isEmpty()) {
            server.setHost(LOOPBACK);
            LOG.warn(
                    "Development login is on (auth.dev-login.enabled): anyone who reaches this service can log in as"
                            + " any user. Listening on {} only; set micronaut.server.host to reach it from another"
                            + " device, and turn dev login off anywhere others can connect.",
                    LOOPBACK);
        } else {
            LOG.warn(
                    "Development login is on (auth.dev-login.enabled) and micronaut.server.host is {}: anyone who"
                            + " reaches that address can log in as any user. Use it only on a network you trust.",
                    server.getHost().get());
        }
        return server;
    }
}
