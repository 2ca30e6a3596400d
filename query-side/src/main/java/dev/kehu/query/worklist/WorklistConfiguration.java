package dev.kehu.query.worklist;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** The worklist's settings ({@link WorklistProperties}); the controller and projection are components. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WorklistProperties.class)
public class WorklistConfiguration {
}
