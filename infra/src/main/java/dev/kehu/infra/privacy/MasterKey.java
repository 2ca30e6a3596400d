package dev.kehu.infra.privacy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the master key: {@code kehu.crypto.master-key}, else {@code kehu.crypto.master-key-file}, else
 * {@code <kehu.data-dir>/master.key} (created with a fresh random key on the first start; its path is logged, the key
 * never). With an external MongoDB that default is logged as a warning: instances sharing a store must share its key,
 * and one that made its own is refused by the key check ({@link SubjectKeys}).
 */
final class MasterKey {

    static final int KEY_BYTES = 32;
    static final String DEFAULT_FILE = "master.key";
    private static final Logger log = LoggerFactory.getLogger(MasterKey.class);

    private MasterKey() {
    }

    static SecretKey load(CryptoProperties properties, boolean embedded, Path dataDir) {
        if (properties.masterKey() != null && !properties.masterKey().isBlank()) {
            return decode(properties.masterKey(), "kehu.crypto.master-key");
        }
        if (properties.masterKeyFile() != null) {
            Path file = properties.masterKeyFile();
            if (!Files.isRegularFile(file)) {
                throw new MasterKeyException("The master key file " + file.toAbsolutePath()
                        + " (kehu.crypto.master-key-file) does not exist.",
                        "Restore the key file from your backup, or point kehu.crypto.master-key-file at it.");
            }
            return decode(read(file), "the master key file " + file.toAbsolutePath());
        }
        Path file = dataDir.resolve(DEFAULT_FILE);
        if (!Files.exists(file)) {
            create(file);
        }
        if (!embedded) {
            log.warn("No master key is configured: using {}. Every instance on this MongoDB must use the same key:"
                    + " set kehu.crypto.master-key-file to one shared copy (an instance with another key does not"
                    + " start).", file.toAbsolutePath());
        }
        return decode(read(file), "the master key file " + file.toAbsolutePath());
    }

    private static void create(Path file) {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try { // owner-only from the moment it exists, not restricted after the key is in it
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                log.debug("{} is not on a POSIX file system; its permissions are left as they are", file);
                Files.createFile(file);
            }
            Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII,
                    StandardOpenOption.WRITE);
            log.warn("Created the master key file {}: it wraps the key of every person's data. Back it up apart"
                    + " from the database backups; losing it loses every encrypted personal field (docs/privacy.md).",
                    file.toAbsolutePath());
        } catch (FileAlreadyExistsException raced) {
            log.debug("{} was created meanwhile", file);
        } catch (IOException e) {
            throw new MasterKeyException("Cannot create the master key file " + file.toAbsolutePath() + ": " + e,
                    "Give the user running Kehu write access to " + file.toAbsolutePath().getParent()
                            + ", or set kehu.crypto.master-key-file.");
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new MasterKeyException("Cannot read the master key file " + file.toAbsolutePath() + ": "
                    + e.getClass().getSimpleName(), "Let the user running Kehu read " + file.toAbsolutePath() + ".");
        }
    }

    private static SecretKey decode(String text, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw new MasterKeyException("The master key in " + source + " is not base64.",
                    "Give 32 random bytes in base64 (openssl rand -base64 32).");
        }
        if (key.length != KEY_BYTES) {
            throw new MasterKeyException("The master key in " + source + " has " + key.length + " bytes, not "
                    + KEY_BYTES + ".", "Give 32 random bytes in base64 (openssl rand -base64 32).");
        }
        return new SecretKeySpec(key, "AES");
    }
}
