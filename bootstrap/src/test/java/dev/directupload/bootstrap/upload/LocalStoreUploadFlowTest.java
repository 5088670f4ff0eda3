package dev.directupload.bootstrap.upload;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** The upload-flow scenarios on the embedded OSS-compatible store (development login). */
@MicronautTest(transactional = false)
class LocalStoreUploadFlowTest extends UploadFlowScenarios {

    @Override
    boolean formsForbidOverwrite() {
        return true;
    }

    @Override
    boolean devLogin() {
        return true;
    }
}
