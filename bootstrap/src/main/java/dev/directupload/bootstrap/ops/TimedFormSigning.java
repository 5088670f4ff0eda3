package dev.directupload.bootstrap.ops;

import dev.directupload.application.port.model.UploadForm;
import dev.directupload.application.port.out.storage.SignUploadFormPort;
import dev.directupload.application.port.out.storage.UploadFormRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Times every upload form the configured store signs ({@code directupload_policy_signing_seconds}), whichever
 * store it is, by wrapping the {@link SignUploadFormPort} bean: the core and the adapters stay free of metrics.
 */
@Singleton
final class TimedFormSigning implements BeanCreatedEventListener<SignUploadFormPort> {

    private final MeterRegistry registry;

    TimedFormSigning(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public SignUploadFormPort onCreated(BeanCreatedEvent<SignUploadFormPort> event) {
        SignUploadFormPort signer = event.getBean();
        Timer timer = Timer.builder("directupload.policy.signing")
                .description("Time to sign one upload form (credentials included)")
                .register(registry);
        return new SignUploadFormPort() {
            @Override
            public UploadForm sign(UploadFormRequest request) {
                return timer.record(() -> signer.sign(request));
            }

            @Override
            public Optional<UploadForm> signWithoutWaiting(UploadFormRequest request) {
                long start = System.nanoTime();
                Optional<UploadForm> form = signer.signWithoutWaiting(request);
                if (form.isPresent()) {
                    timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                }
                return form;
            }

            /** The batch is timed as a whole and each of its forms counted with an equal share. */
            @Override
            public List<UploadForm> signAll(List<UploadFormRequest> requests) {
                long start = System.nanoTime();
                List<UploadForm> forms = signer.signAll(requests);
                if (!forms.isEmpty()) {
                    Duration share = Duration.ofNanos((System.nanoTime() - start) / forms.size());
                    for (int i = 0; i < forms.size(); i++) {
                        timer.record(share);
                    }
                }
                return forms;
            }

            @Override
            public boolean canForbidOverwrite() {
                return signer.canForbidOverwrite();
            }

            @Override
            public boolean canCallBack() {
                return signer.canCallBack();
            }
        };
    }
}
