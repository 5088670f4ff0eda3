package dev.directupload.bootstrap.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every relative link in the repository's Markdown (README, docs/, clients/, bench/) resolves to a file of the
 * repository, and every {@code #anchor} to a heading of its page: someone who clones the repository has all of it.
 */
class DocumentationLinksTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*]\\(<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*#*\\s*$");

    @Test
    void everyRelativeLinkResolvesInsideTheRepository() {
        List<Path> pages = markdownPages();
        assertThat(pages).extracting(p -> ROOT.relativize(p).toString()).contains("README.md", "docs/api.md");
        List<String> broken = new ArrayList<>();
        for (Path page : pages) {
            broken.addAll(brokenLinks(page, read(page)));
        }
        assertThat(broken).as("broken links").isEmpty();
    }

    @Test
    void theCheck_reportsLinksOutsideTheRepositoryMissingFilesAndAnchors() throws IOException {
        Path page = ROOT.resolve("README.md");
        String text = "[a](../shared/API.md) [b](docs/nope.md) [c](#no-such-heading) [d](docs/api.md#error-codes)"
                + " [e](https://example.com/x) [f](#durability)";
        assertThat(brokenLinks(page, text))
                .hasSize(3)
                .anySatisfy(line -> assertThat(line).contains("../shared/API.md"))
                .anySatisfy(line -> assertThat(line).contains("docs/nope.md"))
                .anySatisfy(line -> assertThat(line).contains("#no-such-heading"));
    }

    @Test
    void anchors_followGithubHeadingIds() {
        assertThat(anchors("## Error codes\n### `POST /uploads`\n## Health and metrics (`/prometheus`)\n"))
                .contains("error-codes", "post-uploads", "health-and-metrics-prometheus");
    }

    static List<String> brokenLinks(Path page, String text) {
        List<String> broken = new ArrayList<>();
        Matcher link = LINK.matcher(text);
        while (link.find()) {
            String target = link.group(1);
            if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                continue; // http:, https:, mailto:
            }
            String where = ROOT.relativize(page) + ": " + target;
            int hash = target.indexOf('#');
            String file = hash < 0 ? target : target.substring(0, hash);
            String anchor = hash < 0 ? null : target.substring(hash + 1);
            Path resolved =
                    file.isEmpty() ? page : page.getParent().resolve(file).normalize();
            if (!resolved.startsWith(ROOT)) {
                broken.add(where + " (outside the repository)");
            } else if (!Files.exists(resolved)) {
                broken.add(where + " (no such file)");
            } else if (anchor != null
                    && resolved.toString().endsWith(".md")
                    && !anchors(resolved.equals(page) ? text + "\n" + read(page) : read(resolved))
                            .contains(anchor)) {
                broken.add(where + " (no such heading)");
            }
        }
        return broken;
    }

    /** GitHub's heading ids: lower case, punctuation dropped, spaces to hyphens. */
    static Set<String> anchors(String markdown) {
        Set<String> ids = new LinkedHashSet<>();
        boolean fenced = false;
        for (String line : markdown.split("\n")) {
            if (line.startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (!fenced && heading.matches()) {
                String id = heading.group(1)
                        .toLowerCase(Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N} _-]", "")
                        .replace(' ', '-');
                ids.add(id);
            }
        }
        return ids;
    }

    private static List<Path> markdownPages() {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(p -> p.toString().endsWith(".md"))
                    .filter(p -> {
                        String rel = ROOT.relativize(p).toString();
                        return !rel.contains("node_modules")
                                && !rel.contains("/target/")
                                && !rel.startsWith("target/")
                                && !rel.startsWith(".")
                                && !rel.contains("/dist/");
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path page) {
        try {
            return Files.readString(page);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
