package dev.kehu.infra.schedule;

import com.mongodb.client.MongoDatabase;
import dev.kehu.command.schedule.OncePerSchedule;
import dev.kehu.query.projection.rebuild.RebuildLease;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.UUID;

/** Scheduled jobs run once per slot across instances: the command side's {@link OncePerSchedule} as a MongoDB lease. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ScheduleProperties.class)
public class ScheduleConfiguration {

    @Bean(destroyMethod = "close")
    public MongoJobLease oncePerSchedule(MongoDatabase database, ScheduleProperties properties) {
        String owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
        return new MongoJobLease(database, owner, properties.leaseDuration(), Clock.systemUTC());
    }

    /** Rebuilds of the views run under the same lease: one instance runs a rebuild, another takes it over if it dies. */
    @Bean
    public RebuildLease rebuildLease(MongoJobLease lease) {
        return lease::run;
    }
}
