package dev.preflight.jira;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class JiraConfiguration {

    @Bean
    JiraClient jiraClient(JiraProperties properties, JsonMapper json) {
        return new JiraClient(properties, json);
    }
}
