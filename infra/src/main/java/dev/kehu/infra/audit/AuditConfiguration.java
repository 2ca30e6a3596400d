package dev.kehu.infra.audit;

import com.mongodb.client.MongoDatabase;
import dev.kehu.infra.audit.index.AuditIndex;
import dev.kehu.infra.audit.index.AuditIndexProjection;
import dev.kehu.infra.audit.proof.ChainCheck;
import dev.kehu.infra.audit.proof.Digests;
import dev.kehu.infra.audit.proof.MerkleLog;
import dev.kehu.infra.audit.proof.VerificationJobs;
import dev.kehu.infra.axon.EventStoreProperties;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;

import java.time.Clock;

/** The audit feature's beans: the raw log reader, histories, the Merkle log and the verification jobs. */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class AuditConfiguration {

    @Bean(destroyMethod = "close")
    public AuditLog auditLog(MongoDatabase database, EventStoreProperties properties) {
        return new AuditLog(database, properties.toSettings());
    }

    @Bean
    public History history(AuditLog auditLog) {
        return new History(auditLog);
    }

    @Bean
    public MerkleLog merkleLog(MongoDatabase database, EventStoreProperties properties, AuditLog auditLog) {
        return new MerkleLog(database, properties.collectionPrefix(), auditLog);
    }

    @Bean
    public ChainCheck chainCheck(AuditLog auditLog, MerkleLog merkleLog) {
        return new ChainCheck(auditLog, merkleLog);
    }

    @Bean
    public Digests digests(AuditLog auditLog, MerkleLog merkleLog) {
        return new Digests(auditLog, merkleLog);
    }

    @Bean(destroyMethod = "close")
    public VerificationJobs verificationJobs(MongoDatabase database, EventStoreProperties properties,
                                             AuditLog auditLog, MerkleLog merkleLog) {
        return new VerificationJobs(database, properties.collectionPrefix(), auditLog, merkleLog, Clock.systemUTC());
    }

    /** A job that was running when the application stopped goes on from its last saved position. */
    @Bean
    public ApplicationListener<ApplicationReadyEvent> resumeVerificationJobs(VerificationJobs jobs) {
        return event -> jobs.resumeUnfinished();
    }

    @Bean
    public AuditIndex auditIndex(MongoDatabase database, EventStoreProperties properties) {
        return new AuditIndex(database, properties.collectionPrefix());
    }

    @Bean
    public AuditIndexProjection auditIndexProjection(AuditIndex auditIndex) {
        return new AuditIndexProjection(auditIndex);
    }

    /**
     * The index's own tracking processor: single-threaded (entries are appended in log order), errors retry the
     * batch, batches of 1,000 events (a few bulk writes each).
     */
    @Bean
    public ConfigurerModule auditIndexProcessor() {
        return configurer -> {
            configurer.eventProcessing().registerTrackingEventProcessor(AuditIndexProjection.GROUP,
                    Configuration::eventStore,
                    c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing().andBatchSize(1000));
            configurer.eventProcessing().registerListenerInvocationErrorHandler(AuditIndexProjection.GROUP,
                    c -> PropagatingErrorHandler.instance());
        };
    }
}
