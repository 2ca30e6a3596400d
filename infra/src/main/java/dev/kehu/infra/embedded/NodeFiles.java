package dev.kehu.infra.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files of an Elasticsearch node and who may read them: its directories are its owner's only, and under
 * root, where Elasticsearch refuses to run, the node runs as uid {@value #UNPRIVILEGED_ID}, which must be able to
 * reach its directory and the distribution (copied somewhere reachable when it cannot).
 */
final class NodeFiles {

    static final int UNPRIVILEGED_ID = 65534;
    private static final Logger log = LoggerFactory.getLogger(ElasticsearchNode.class);

    private NodeFiles() {
    }

    /** Gives the node directory to the unprivileged user, and warns about a parent that user cannot pass. */
    static void handOverToUnprivilegedUser(Path nodeDir) throws IOException {
        try (Stream<Path> all = Files.walk(nodeDir)) {
            for (Path path : all.toList()) {
                Files.setAttribute(path, "unix:uid", UNPRIVILEGED_ID);
                Files.setAttribute(path, "unix:gid", UNPRIVILEGED_ID);
            }
        }
        for (Path dir = nodeDir.getParent(); dir != null; dir = dir.getParent()) {
            if (!Files.getPosixFilePermissions(dir).contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
                log.warn("{} is not searchable by other users: Elasticsearch (uid {}) cannot reach {}",
                        dir, UNPRIVILEGED_ID, nodeDir);
            }
        }
    }

    /**
     * Whether the unprivileged user that runs the node can reach {@code path}: every existing directory on the way
     * must be searchable by others (a clone under {@code /root} or in a {@code mktemp -d} directory is not).
     */
    public static boolean reachableByOthers(Path path) {
        try {
            for (Path dir = path.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
                if (Files.isDirectory(dir) && !Files.getPosixFilePermissions(dir)
                        .contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            }
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    static void requireReachableByNode(Path nodeDir) {
        if (!reachableByOthers(nodeDir.getParent())) {
            throw new IllegalStateException("Elasticsearch runs as uid " + UNPRIVILEGED_ID + " (it refuses root) and cannot "
                    + "reach " + nodeDir + ": a directory on the way is not searchable by other users. Choose a data "
                    + "directory elsewhere (kehu.data-dir) or allow others to search its parents (chmod o+x).");
        }
    }

    /**
     * The distribution itself, or, when the unprivileged user cannot reach it (the repository lies in a private
     * directory), a copy under the system temp directory, made once and reused.
     */
    static Path reachableDistribution(Path home) throws IOException {
        if (reachableByOthers(home)) {
            return home;
        }
        Path copy = Path.of(System.getProperty("java.io.tmpdir"), "kehu-elasticsearch", home.getFileName().toString());
        Path complete = copy.resolve(".kehu-copy-complete");
        if (!Files.exists(complete)) {
            log.info("{} is not reachable by uid {}: copying the distribution to {}", home, UNPRIVILEGED_ID, copy);
            deleteTree(copy);
            try (Stream<Path> all = Files.walk(home)) {
                for (Path source : all.toList()) {
                    Path target = copy.resolve(home.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
            Files.writeString(complete, home.toString());
        }
        for (Path dir = copy; dir != null && !dir.equals(Path.of(System.getProperty("java.io.tmpdir"))); dir = dir.getParent()) {
            openForOthers(dir);
        }
        try (Stream<Path> all = Files.walk(copy)) {
            for (Path path : all.toList()) {
                if (Files.isDirectory(path)) {
                    openForOthers(path);
                } else {
                    var permissions = new java.util.HashSet<>(Files.getPosixFilePermissions(path));
                    permissions.add(java.nio.file.attribute.PosixFilePermission.OTHERS_READ);
                    Files.setPosixFilePermissions(path, permissions);
                }
            }
        }
        return copy;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path path : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** The node's own directories: its data and logs are nobody else's business (0700; owner uid 65534 under root). */
    static void ownerOnly(Path dir) throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }

    static void restrictToOwner(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path path : all.filter(p -> !Files.isSymbolicLink(p)).toList()) {
                var permissions = new java.util.HashSet<>(Files.getPosixFilePermissions(path));
                if (permissions.removeIf(permission -> !permission.name().startsWith("OWNER_"))) {
                    Files.setPosixFilePermissions(path, permissions);
                }
            }
        }
    }

    private static void openForOthers(Path dir) throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    static boolean runningAsRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** Copies a file atomically into place (used for plugin installation). */
    static void replace(Path target, byte[] content) throws IOException {
        Path temporary = Files.createTempFile(target.getParent(), ".install-", ".tmp");
        try {
            Files.write(temporary, content);
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }
}
