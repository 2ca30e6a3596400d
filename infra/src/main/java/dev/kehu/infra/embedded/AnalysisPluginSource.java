package dev.kehu.infra.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Our Elasticsearch analysis plugin ({@code infra/elasticsearch-analysis-plugin}) as the build puts it
 * into the application's classes: {@code elasticsearch-plugins/kehu-analysis/} with the descriptor and
 * the jars. {@link #installInto(Path)} makes {@code <plugins>/kehu-analysis/} hold exactly those files,
 * rewriting only what differs (atomically, so two processes installing at once do no harm).
 */
public final class AnalysisPluginSource {

    public static final String PLUGIN_NAME = "kehu-analysis";
    public static final String CLASSPATH_LOCATION = "elasticsearch-plugins/" + PLUGIN_NAME + "/";
    private static final Logger log = LoggerFactory.getLogger(AnalysisPluginSource.class);

    private final Map<String, Resource> files;

    private AnalysisPluginSource(Map<String, Resource> files) {
        this.files = files;
    }

    /** The plugin on the classpath; fails when the build did not put it there. */
    public static AnalysisPluginSource fromClasspath() {
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver(AnalysisPluginSource.class.getClassLoader())
                    .getResources("classpath*:" + CLASSPATH_LOCATION + "*");
            Map<String, Resource> files = new HashMap<>();
            Arrays.stream(resources)
                    .filter(Resource::isReadable)
                    .filter(resource -> resource.getFilename() != null && !resource.getFilename().isEmpty())
                    .forEach(resource -> files.putIfAbsent(resource.getFilename(), resource));
            if (!files.containsKey("plugin-descriptor.properties")) {
                throw new IllegalStateException("The Kehu analysis plugin is not on the classpath (" + CLASSPATH_LOCATION
                        + "); build with `mvn package` (or `mvn test`) from the repository root");
            }
            return new AnalysisPluginSource(files);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the analysis plugin from the classpath", e);
        }
    }

    /** Installs (or updates) the plugin into the given {@code plugins} directory of a distribution. */
    public void installInto(Path pluginsDir) {
        Path target = pluginsDir.resolve(PLUGIN_NAME);
        try {
            Files.createDirectories(target);
            Files.setPosixFilePermissions(target, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            int written = 0;
            for (Map.Entry<String, Resource> file : files.entrySet()) {
                byte[] content;
                try (InputStream in = file.getValue().getInputStream()) {
                    content = in.readAllBytes();
                }
                Path installed = target.resolve(file.getKey());
                if (!Files.exists(installed) || !Arrays.equals(Files.readAllBytes(installed), content)) {
                    NodeFiles.replace(installed, content);
                    written++;
                }
            }
            try (Stream<Path> present = Files.list(target)) {
                for (Path stale : present
                        .filter(path -> !path.getFileName().toString().startsWith(".install-"))
                        .filter(path -> !files.containsKey(path.getFileName().toString())).toList()) {
                    Files.deleteIfExists(stale);
                }
            }
            if (written > 0) {
                log.info("Installed Elasticsearch plugin {} into {} ({} files updated)", PLUGIN_NAME, target, written);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not install the analysis plugin into " + target
                    + " (the distribution must be writable)", e);
        }
    }
}
