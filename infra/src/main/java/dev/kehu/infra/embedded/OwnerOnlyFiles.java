package dev.kehu.infra.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a data directory readable by its owner only: the directory 0700, every file in it 0600, also when they
 * exist from an earlier run (with whatever the umask gave them then). On a file system without POSIX permissions
 * nothing is changed.
 */
final class OwnerOnlyFiles {

    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Logger log = LoggerFactory.getLogger(OwnerOnlyFiles.class);

    private OwnerOnlyFiles() {
    }

    /** Creates {@code dir} (and its parents) if needed and makes it and the files in it owner-only. */
    static void directory(Path dir) {
        try {
            boolean posix = Files.getFileStore(existingAncestor(dir)).supportsFileAttributeView(PosixFileAttributeView.class);
            if (!posix) {
                Files.createDirectories(dir);
                log.warn("{} is on a file system without POSIX permissions: its access is not restricted", dir);
                return;
            }
            if (!Files.isDirectory(dir)) {
                // parents as the umask makes them: createDirectories would make every one of them owner-only, and
                // the embedded Elasticsearch node, which runs as another user under root, must pass through
                // <kehu.data-dir> to reach its own directory
                Path parent = dir.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
            }
            Files.setPosixFilePermissions(dir, DIRECTORY);
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    if (Files.isRegularFile(file)) {
                        Files.setPosixFilePermissions(file, FILE);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create or restrict " + dir, e);
        }
    }

    /** Creates {@code file} empty and owner-only unless it exists (then {@link #directory} restricted it). */
    static void file(Path file) {
        try {
            if (!Files.exists(file) && Files.getFileStore(file.getParent())
                    .supportsFileAttributeView(PosixFileAttributeView.class)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create " + file, e);
        }
    }

    private static Path existingAncestor(Path path) {
        Path candidate = path.toAbsolutePath();
        while (candidate != null && !Files.exists(candidate)) {
            candidate = candidate.getParent();
        }
        return candidate == null ? Path.of("/") : candidate;
    }
}
