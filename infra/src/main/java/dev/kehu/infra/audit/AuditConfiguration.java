package dev.kehu.infra.audit;

import com.mongodb.client.MongoDatabase;
import dev.kehu.infra.axon.EventStoreProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The audit feature's beans: the raw log reader, histories, the Merkle log and the verification jobs. */
@Configuration(proxyBeanMethods = false)
public class AuditConfiguration {

    @Bean(destroyMethod = "close")
    public AuditLog auditLog(MongoDatabase database, EventStoreProperties properties) {
        return new AuditLog(database, properties.toSettings());
    }

    @Bean
    public History history(AuditLog auditLog) {
        return new History(auditLog);
    }
}
