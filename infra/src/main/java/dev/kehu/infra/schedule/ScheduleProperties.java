package dev.kehu.infra.schedule;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code kehu.schedule.*}: scheduled jobs shared by the instances.
 *
 * @param leaseDuration how long a job's lease holds without renewal: the holder renews it every third of
 *                      it; when an instance dies mid-run, another takes the job over this long after the
 *                      last renewal at most
 */
@ConfigurationProperties("kehu.schedule")
public record ScheduleProperties(@DefaultValue("60s") Duration leaseDuration) {
}
