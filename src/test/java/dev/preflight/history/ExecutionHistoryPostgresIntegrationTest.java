package dev.preflight.history;

import org.junit.jupiter.api.AfterAll;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

// closed right after the class: its database is dropped, and a cached context would keep polling it
@DirtiesContext
class ExecutionHistoryPostgresIntegrationTest extends ExecutionHistoryContract {

    private static String url;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        sandbox(registry);
        url = Databases.createPostgres();
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
    }

    @AfterAll
    static void drop() {
        if (url != null) {
            Databases.dropPostgres(url);
        }
    }
}
