package dev.kehu.infra.audit;

import com.mongodb.client.MongoDatabase;
import dev.kehu.infra.axon.EventStoreProperties;
import dev.kehu.infra.eventstore.PayloadCipher;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;

/**
 * The audit feature's shared beans: the raw log reader and histories. The proof ({@code audit.proof}) and the
 * actor/correlation index ({@code audit.index}) wire their own beans on top of these.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class AuditConfiguration {

    @Bean(destroyMethod = "close")
    public AuditLog auditLog(MongoDatabase database, EventStoreProperties properties) {
        return new AuditLog(database, properties.toSettings());
    }

    @Bean
    public History history(AuditLog auditLog, ObjectProvider<PayloadCipher> cipher) {
        return new History(auditLog, cipher.getIfAvailable(() -> PayloadCipher.NONE));
    }
}
