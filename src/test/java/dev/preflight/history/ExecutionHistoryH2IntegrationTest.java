package dev.preflight.history;

import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class ExecutionHistoryH2IntegrationTest extends ExecutionHistoryContract {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        sandbox(registry);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }
}
