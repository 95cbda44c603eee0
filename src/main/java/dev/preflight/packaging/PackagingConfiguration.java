package dev.preflight.packaging;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class PackagingConfiguration {

    @Bean
    PackagingClient packagingClient(PackagingProperties properties, JsonMapper json) {
        return new PackagingClient(properties, json);
    }
}
