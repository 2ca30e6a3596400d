package dev.kehu.infra.imports;

import com.mongodb.client.MongoDatabase;
import dev.kehu.command.customer.uniqueness.CustomerUniqueness;
import dev.kehu.command.web.CommandDispatcher;
import jakarta.validation.Validator;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/** CSV import of customers ({@link ImportController}); unfinished jobs resume once the application is ready. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ImportProperties.class)
public class ImportsConfiguration {

    /**
     * One job runs at a time (kehu-import-job); its rows on {@code kehu.imports.threads} row workers. The pools are
     * the import's own, not beans: an {@code Executor} bean would replace Spring Boot's application task executor.
     */
    @Bean
    CustomerImports customerImports(MongoDatabase database, ObjectProvider<Clock> clock, Validator validator,
                                    CustomerUniqueness uniqueness, CommandDispatcher dispatcher, EventStore eventStore,
                                    ImportProperties properties) {
        Clock time = clock.getIfUnique(Clock::systemUTC);
        ImportJobs jobs = new ImportJobs(database, time);
        CustomerFile file = new CustomerFile(validator);
        ExecutorService rowWorkers = Executors.newFixedThreadPool(properties.threads(),
                daemons("kehu-import-row-"));
        CustomerImporter importer = new CustomerImporter(jobs, file, uniqueness, dispatcher, eventStore, rowWorkers,
                properties.chunkSize());
        ExecutorService jobRunner = Executors.newSingleThreadExecutor(
                daemons("kehu-import-job-"));
        return new CustomerImports(jobs, file, importer, uniqueness, jobRunner, rowWorkers, properties, time);
    }

    private static CustomizableThreadFactory daemons(String prefix) {
        CustomizableThreadFactory threads = new CustomizableThreadFactory(prefix);
        threads.setDaemon(true);
        return threads;
    }

    @Bean
    ApplicationListener<ApplicationReadyEvent> resumeUnfinishedImports(CustomerImports imports) {
        return ready -> imports.resumeUnfinished();
    }
}
