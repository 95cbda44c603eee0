package dev.preflight.sla;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SlaWiring {

    /** Built at start: a calendar or target that does not read stops the server, naming it. */
    @Bean
    Calendars calendars(SlaProperties properties) {
        return new Calendars(properties);
    }
}
