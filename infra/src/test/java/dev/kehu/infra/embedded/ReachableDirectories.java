package dev.kehu.infra.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Directories for test nodes that the node's unprivileged user can reach when the tests run as root (as the
 * launcher requires): under {@code target/} when it is reachable there, else under the temp directory (a clone
 * in a private directory).
 */
public final class ReachableDirectories {

    private ReachableDirectories() {
    }

    /** {@code target/}, or the temp directory when the node's user could not reach {@code target/}. */
    public static Path root() {
        Path target = Path.of("target").toAbsolutePath();
        return Files.isDirectory(target) && ElasticsearchNode.reachableByOthers(target)
                ? target : Path.of(System.getProperty("java.io.tmpdir"));
    }

    /** A fresh directory below {@link #root()}, open to others (0755). */
    public static Path fresh(String prefix) throws IOException {
        Path dir = Files.createTempDirectory(root(), prefix);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir;
    }
}
