package dev.kehu.query.projection.rebuild;

import com.mongodb.client.MongoDatabase;
import dev.kehu.query.elasticsearch.IndexRebuild;
import dev.kehu.query.projection.operations.ProjectionControl;
import dev.kehu.query.projection.operations.ProjectionStatuses;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotationUtils;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Rebuilds of the MongoDB views and the Elasticsearch indexes: the handlers of each view group are the application's own
 * projection beans (found by their {@link ProcessingGroup}), those of a group writing an index are made for its new index
 * by its {@link IndexRebuild} bean, the log is the event storage engine, the lease the application's
 * {@link RebuildLease} bean (the scheduled jobs' MongoDB lease; one instance alone without it). The version routing of
 * the application's {@link MongoDatabase} is set up where the database is made ({@link ViewVersions#routing}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RebuildProperties.class)
public class RebuildConfiguration {

    @Bean(destroyMethod = "close")
    public ProjectionRebuilds projectionRebuilds(MongoDatabase database, ObjectProvider<ViewVersions> versions, EventStorageEngine engine,
                                                 ApplicationContext context, ProjectionControl control,
                                                 ObjectProvider<RebuildLease> lease, ObjectProvider<IndexRebuild> indexRebuilds,
                                                 RebuildProperties properties, Clock clock) {
        ViewVersions viewVersions = versions.getIfAvailable(() -> new ViewVersions(database, ViewVersions.CACHE_FOR));
        String instance = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, IndexRebuild> indexes = new LinkedHashMap<>();
        indexRebuilds.orderedStream().forEach(rebuild -> indexes.put(rebuild.group(), rebuild));
        return new ProjectionRebuilds(viewVersions.database(), viewVersions, EventLog.of(engine), projections(context), indexes, control,
                lease.getIfAvailable(RebuildLease::local), properties, clock, instance);
    }

    @Bean
    public ProjectionStatuses.Extra rebuildStatus(ObjectProvider<ProjectionRebuilds> rebuilds) {
        return (group, status) -> {
            if (ProjectionCollections.rebuildable(group)) {
                status.putAll(rebuilds.getObject().status(group));
            }
        };
    }

    /** The beans of each view group, as its live processor runs them. */
    static Map<String, List<Object>> projections(ApplicationContext context) {
        Map<String, List<Object>> byGroup = new LinkedHashMap<>();
        for (Object bean : context.getBeansWithAnnotation(ProcessingGroup.class).values()) {
            ProcessingGroup group = AnnotationUtils.findAnnotation(org.springframework.aop.support.AopUtils.getTargetClass(bean), ProcessingGroup.class);
            if (group != null && ProjectionCollections.BY_GROUP.containsKey(group.value())) {
                byGroup.computeIfAbsent(group.value(), g -> new ArrayList<>()).add(bean);
            }
        }
        return byGroup;
    }
}
