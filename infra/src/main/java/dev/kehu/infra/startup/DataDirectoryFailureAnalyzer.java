package dev.kehu.infra.startup;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import org.springframework.core.env.Environment;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Start-up failed on a file of the data directory (cannot create, read or write it): names the path, why, and
 * the two ways out (another {@code kehu.data-dir}, or permissions for the user running Kehu).
 */
class DataDirectoryFailureAnalyzer extends AbstractFailureAnalyzer<FileSystemException> {

    private final Path dataDir;

    DataDirectoryFailureAnalyzer(Environment environment) {
        this.dataDir = Path.of(environment.getProperty("kehu.data-dir", "./data")).toAbsolutePath().normalize();
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, FileSystemException cause) {
        String path = cause.getFile();
        if (path == null || !(dataDir.startsWith(Path.of(path).toAbsolutePath().normalize())
                || Path.of(path).toAbsolutePath().normalize().startsWith(dataDir))) {
            return null; // another file: not the data directory's problem
        }
        String reason = cause instanceof AccessDeniedException ? "permission denied"
                : cause.getReason() != null ? cause.getReason() : cause.getClass().getSimpleName();
        return new FailureAnalysis(
                "Kehu cannot use its data directory: " + path + " (" + reason + ").",
                "Set kehu.data-dir (or KEHU_DATA_DIR) to a directory the user " + System.getProperty("user.name")
                        + " can create and write, or give that user write access to " + path + ".",
                cause);
    }
}
