package dev.kehu.command.customer.directory;

import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Runs the {@link CustomerDirectory} on its own processor. */
@Configuration(proxyBeanMethods = false)
public class CustomerDirectoryConfiguration {

    /** The directory must be current when a command returns: a subscribing processor. */
    @Bean
    ConfigurerModule customerDirectoryProcessor() {
        return configurer -> configurer.eventProcessing()
                .registerSubscribingEventProcessor(CustomerDirectory.PROCESSING_GROUP);
    }
}
