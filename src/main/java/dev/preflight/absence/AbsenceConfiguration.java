package dev.preflight.absence;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class AbsenceConfiguration {

    @Bean
    AbsenceCalendar absenceCalendar(AbsenceProperties properties, JsonMapper json) {
        return new AbsenceCalendar(properties, json);
    }
}
