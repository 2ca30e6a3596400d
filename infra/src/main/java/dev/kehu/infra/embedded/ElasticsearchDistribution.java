package dev.kehu.infra.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.springframework.boot.system.ApplicationHome;

/**
 * Finds the unpacked Elasticsearch distribution (a directory with {@code bin/elasticsearch}).
 *
 * <p>The build unpacks {@code org.elasticsearch.distribution.integ-test-zip:elasticsearch} into
 * {@code infra/target/elasticsearch/elasticsearch-<version>/}. Looked for, in this order:
 * <ol>
 *   <li>the configured location ({@code kehu.elasticsearch.embedded.distribution}), either the
 *       distribution itself or a directory holding one {@code elasticsearch-*} distribution;</li>
 *   <li>{@code elasticsearch/} beside the application's jar or classes directory, i.e.
 *       {@code infra/target/elasticsearch/} for both {@code java -jar infra/target/infra-*.jar} and tests;</li>
 *   <li>{@code infra/target/elasticsearch/} and {@code target/elasticsearch/} under the working directory.</li>
 * </ol>
 */
public final class ElasticsearchDistribution {

    private ElasticsearchDistribution() {
    }

    public static Path locate(Optional<Path> configured) {
        if (configured.isPresent()) {
            return distributionIn(configured.get()).orElseThrow(() -> new IllegalStateException(
                    "kehu.elasticsearch.embedded.distribution=" + configured.get()
                            + " is not an unpacked Elasticsearch distribution (no bin/elasticsearch)"));
        }
        List<Path> candidates = new ArrayList<>();
        buildDirectory().ifPresent(target -> candidates.add(target.resolve("elasticsearch")));
        candidates.add(Path.of("infra", "target", "elasticsearch"));
        candidates.add(Path.of("target", "elasticsearch"));
        return candidates.stream()
                .map(ElasticsearchDistribution::distributionIn)
                .flatMap(Optional::stream)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No Elasticsearch distribution found in " + candidates
                        + ": build with `mvn -DskipTests package` from the repository root (it unpacks the distribution"
                        + " into infra/target/elasticsearch/), set kehu.elasticsearch.embedded.distribution,"
                        + " or give kehu.elasticsearch.url of a running cluster"));
    }

    /** The directory that holds the application's jar, or its classes directory's parent ({@code target/}). */
    private static Optional<Path> buildDirectory() {
        try {
            java.io.File source = new ApplicationHome(ElasticsearchDistribution.class).getSource();
            if (source == null) {
                return Optional.empty();
            }
            return Optional.ofNullable(source.toPath().toAbsolutePath().getParent());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<Path> distributionIn(Path dir) {
        if (Files.isRegularFile(dir.resolve("bin").resolve("elasticsearch"))) {
            return Optional.of(dir.toAbsolutePath().normalize());
        }
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children
                    .filter(child -> child.getFileName().toString().startsWith("elasticsearch-"))
                    .filter(child -> Files.isRegularFile(child.resolve("bin").resolve("elasticsearch")))
                    .sorted()
                    .reduce((first, second) -> second)
                    .map(found -> found.toAbsolutePath().normalize());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
