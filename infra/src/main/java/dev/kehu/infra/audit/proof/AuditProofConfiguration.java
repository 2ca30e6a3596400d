package dev.kehu.infra.audit.proof;

import com.mongodb.client.MongoDatabase;
import dev.kehu.infra.audit.AuditLog;
import dev.kehu.infra.axon.EventStoreProperties;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** The proof's beans: the Merkle log, digests and consistency, chain checks and the verification jobs. */
@Configuration(proxyBeanMethods = false)
public class AuditProofConfiguration {

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
}
