package dev.kehu.infra.embedded;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kehu.data-dir} (default {@code ./data}): where the embedded servers keep their data —
 * {@code mongodb/} for the MongoDB-wire server's H2 file, {@code elasticsearch/} for the node.
 *
 * @param dataDir data of the embedded servers: {@code mongodb/} (the MongoDB-wire server's H2 file) and
 *                {@code elasticsearch/} (the node)
 */
@ConfigurationProperties("kehu")
public record DataDirectoryProperties(@DefaultValue("./data") Path dataDir) {

    public Path mongodb() {
        return dataDir.resolve("mongodb");
    }

    public Path elasticsearch() {
        return dataDir.resolve("elasticsearch");
    }
}
