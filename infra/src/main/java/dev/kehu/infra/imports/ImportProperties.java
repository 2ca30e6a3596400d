package dev.kehu.infra.imports;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * CSV import settings ({@code kehu.imports.*}).
 *
 * @param maxFileSize {@code max-file-size}, default {@code 12MB}: the largest file accepted (it is kept with its
 *                    job until the job is done, in one MongoDB document of at most 16 MB)
 * @param maxRows     {@code max-rows}, default {@code 100000}: the most rows of one file
 * @param threads     {@code threads}, default {@code 4}: rows imported side by side
 * @param chunkSize   {@code chunk-size}, default {@code 500}: rows between two progress records (a restart
 *                    re-checks at most this many rows)
 * @param lease       {@code lease}, default {@code 30s}: how long an instance holds a job without renewing; a job
 *                    whose instance died is taken over by another within about this long and a third
 */
@ConfigurationProperties("kehu.imports")
public record ImportProperties(@DefaultValue("12MB") DataSize maxFileSize,
                               @DefaultValue("100000") int maxRows,
                               @DefaultValue("4") int threads,
                               @DefaultValue("500") int chunkSize,
                               @DefaultValue("30s") Duration lease) {

    public ImportProperties {
        if (maxFileSize.toBytes() < 1 || maxFileSize.toMegabytes() > 15) {
            throw new IllegalArgumentException("kehu.imports.max-file-size must be between 1B and 15MB, was " + maxFileSize);
        }
        if (lease.toMillis() < 100) {
            throw new IllegalArgumentException("kehu.imports.lease must be at least 100ms, was " + lease);
        }
        if (maxRows < 1 || threads < 1 || chunkSize < 1) {
            throw new IllegalArgumentException("kehu.imports.max-rows, threads and chunk-size must be at least 1");
        }
    }
}
