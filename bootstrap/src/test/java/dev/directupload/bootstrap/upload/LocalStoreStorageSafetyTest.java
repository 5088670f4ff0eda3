package dev.directupload.bootstrap.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.directupload.bootstrap.support.Api;
import dev.directupload.bootstrap.support.Api.Answer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Issue 11's scenarios on the embedded OSS-compatible store, plus the album races that involve no storage. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalStoreStorageSafetyTest extends StorageSafetyScenarios implements TestPropertyProvider {

    private final Path root = Path.of("target", "test-data", "safety-" + UUID.randomUUID());

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = settings();
        properties.put("local-storage.root", root.toString());
        return properties;
    }

    @Override
    boolean devLogin() {
        return true;
    }

    @Override
    boolean formsForbidOverwrite() {
        return true;
    }

    /** The store checked the form and streams the file into {@code <root>/.tmp/upload-*.part}. */
    @Override
    void awaitStoreReceiving(int uploads) throws Exception {
        Path tmp = root.toAbsolutePath().resolve(".tmp");
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (receiving(tmp) < uploads) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(uploads + " uploads never reached the store; receiving " + receiving(tmp));
            }
            Thread.sleep(20);
        }
    }

    private static long receiving(Path tmp) throws Exception {
        try (Stream<Path> files = Files.list(tmp)) {
            return files.filter(p -> p.getFileName().toString().startsWith("upload-"))
                    .count();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void albumRename_racingItsDeletion_neverRevivesIt() throws Exception {
        Family f = family("rename-race");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                Api api = api();
                String album = api.post("/families/" + f.familyId() + "/albums", Map.of("name", "r" + round), f.token())
                        .text("id");
                Future<Answer> renamed =
                        pool.submit(() -> api().patch("/albums/" + album, Map.of("name", "renamed"), f.token()));
                Future<Answer> deleted = pool.submit(() -> api().delete("/albums/" + album, f.token()));

                assertThat(deleted.get().status()).as("round %d", round).isEqualTo(204);
                assertThat(renamed.get().status()).as("round %d", round).isIn(200, 404);
                assertThat(count("select count(*) from albums where id = ?", album))
                        .as("round %d: the deleted album stays deleted", round)
                        .isZero();
                List<Map<String, Object>> listed =
                        (List<Map<String, Object>>) api.get("/families/" + f.familyId() + "/albums", f.token())
                                .body()
                                .get("items");
                assertThat(listed).extracting(a -> a.get("id")).doesNotContain(album);
                Answer renamedAgain = api.patch("/albums/" + album, Map.of("name", "again"), f.token());
                assertThat(renamedAgain.status()).isEqualTo(404);
                assertThat(renamedAgain.text("code")).isEqualTo("album_not_found");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
