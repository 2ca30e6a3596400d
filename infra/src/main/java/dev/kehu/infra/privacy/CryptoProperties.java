package dev.kehu.infra.privacy;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code kehu.crypto.*}: the master key that wraps every data subject's key (docs/privacy.md).
 *
 * @param masterKey     the master key, 32 bytes in base64 ({@code openssl rand -base64 32}); wins over the file
 * @param masterKeyFile a file holding the key in base64; on the embedded default with neither set,
 *                      {@code <kehu.data-dir>/master.key} is used and created on the first start
 */
@ConfigurationProperties("kehu.crypto")
public record CryptoProperties(String masterKey, Path masterKeyFile) {
}
