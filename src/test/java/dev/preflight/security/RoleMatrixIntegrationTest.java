package dev.preflight.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import dev.preflight.sandbox.DemoScenario;
import dev.preflight.sandbox.Sandbox;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Every route of the running application (read from its handler mappings, so none can be forgotten)
 * against every kind of visitor. A new route fails here until it is given an expected access below.
 */
@SpringBootTest
@AutoConfigureMockMvc
class RoleMatrixIntegrationTest {

    static final Sandbox SANDBOX = Sandbox.start(DemoScenario.load());

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        SANDBOX.connectorProperties().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        TestAccounts.admin(registry);
    }

    enum Access {
        PUBLIC,
        READ,
        READWRITE
    }

    enum Visitor {
        ANONYMOUS,
        NO_ROLE,
        READ,
        READWRITE
    }

    /** Who may use each route: "METHOD pattern" as Spring MVC declares it. */
    static final Map<String, Access> EXPECTED = Map.ofEntries(
            Map.entry("GET /login", Access.PUBLIC),
            Map.entry("GET /logged-out", Access.PUBLIC),
            Map.entry("ANY /access-denied", Access.PUBLIC),
            Map.entry("ANY /error", Access.PUBLIC),
            Map.entry("GET /actuator/health", Access.PUBLIC),
            Map.entry("GET /actuator/health/**", Access.PUBLIC),
            Map.entry("GET /actuator", Access.READWRITE),
            Map.entry("GET /", Access.READ),
            Map.entry("GET /checks/releases", Access.READ),
            Map.entry("GET /latest", Access.READ),
            Map.entry("GET /board", Access.READ),
            Map.entry("GET /board/panel", Access.READ),
            Map.entry("GET /api/v1/releases/{project}/next", Access.READ),
            Map.entry("GET /problems/{id}", Access.READ),
            Map.entry("GET /sla", Access.READ),
            Map.entry("GET /statistics", Access.READWRITE),
            Map.entry("GET /actuator/prometheus", Access.READWRITE),
            Map.entry("GET /api/v1/sla/report", Access.READ),
            Map.entry("GET /api/v1/sla/report.csv", Access.READ),
            Map.entry("POST /problems/{id}/acknowledge", Access.READ),
            Map.entry("POST /problems/{id}/workaround", Access.READ),
            Map.entry("GET /api/v1/problems/{id}", Access.READ),
            Map.entry("POST /api/v1/problems/{id}/acknowledge", Access.READ),
            Map.entry("POST /api/v1/problems/{id}/workaround", Access.READ),
            Map.entry("GET /api/v1/releases/{project}/{release}/problems", Access.READ),
            Map.entry("GET /cache", Access.READWRITE),
            Map.entry("POST /cache/{type}", Access.READWRITE),
            Map.entry("POST /cache/{type}/clear", Access.READWRITE),
            Map.entry("GET /api/v1/cache", Access.READWRITE),
            Map.entry("PUT /api/v1/cache/{type}", Access.READWRITE),
            Map.entry("DELETE /api/v1/cache/{type}/entries", Access.READWRITE),
            Map.entry("GET /executions", Access.READ),
            Map.entry("GET /executions/{id}", Access.READ),
            Map.entry("GET /releases/{project}/{release}", Access.READ),
            Map.entry("GET /account", Access.READ),
            Map.entry("GET /account/password", Access.READ),
            Map.entry("POST /account/password", Access.READ),
            Map.entry("POST /account/tokens", Access.READ),
            Map.entry("POST /account/tokens/{id}/revoke", Access.READ),
            Map.entry("GET /account/notifications", Access.READ),
            Map.entry("POST /account/notifications/devices", Access.READ),
            Map.entry("POST /account/notifications/devices/{id}/remove", Access.READ),
            Map.entry("POST /account/notifications/devices/forget", Access.READ),
            Map.entry("POST /account/notifications/choices", Access.READ),
            Map.entry("POST /account/notifications/test", Access.READ),
            Map.entry("POST /checks", Access.READWRITE),
            Map.entry("POST /checks/thread-link", Access.READWRITE),
            Map.entry("POST /executions/{id}/cancel", Access.READWRITE),
            Map.entry("POST /executions/{id}/resend", Access.READWRITE),
            Map.entry("POST /executions/{id}/delete", Access.READWRITE),
            Map.entry("POST /executions/delete-all", Access.READWRITE),
            Map.entry("GET /tools", Access.READWRITE),
            Map.entry("POST /tools/packaging-server/start", Access.READWRITE),
            Map.entry("POST /tools/packaging-server/stop", Access.READWRITE),
            Map.entry("GET /audit", Access.READWRITE),
            Map.entry("GET /api/v1/audit", Access.READWRITE),
            Map.entry("GET /api/v1/executions", Access.READ),
            Map.entry("GET /api/v1/executions/findings", Access.READ),
            Map.entry("GET /api/v1/executions/{id}", Access.READ),
            Map.entry("GET /api/v1/executions/{id}/log", Access.READ),
            Map.entry("GET /api/v1/executions/{id}/export", Access.READ),
            Map.entry("POST /api/v1/executions", Access.READWRITE),
            Map.entry("POST /api/v1/executions/{id}/cancel", Access.READWRITE),
            Map.entry("POST /api/v1/executions/{id}/notify", Access.READWRITE),
            Map.entry("DELETE /api/v1/executions/{id}", Access.READWRITE),
            Map.entry("GET /schedules", Access.READWRITE),
            Map.entry("POST /schedules", Access.READWRITE),
            Map.entry("POST /schedules/preview", Access.READWRITE),
            Map.entry("POST /schedules/{id}/enabled", Access.READWRITE),
            Map.entry("POST /schedules/{id}/delete", Access.READWRITE),
            Map.entry("GET /api/v1/schedules", Access.READWRITE),
            Map.entry("GET /api/v1/schedules/{id}", Access.READWRITE),
            Map.entry("GET /api/v1/schedules/preview", Access.READWRITE),
            Map.entry("POST /api/v1/schedules", Access.READWRITE),
            Map.entry("DELETE /api/v1/schedules/{id}", Access.READWRITE),
            Map.entry("GET /checks/custom", Access.READWRITE),
            Map.entry("POST /checks/custom", Access.READWRITE),
            Map.entry("POST /checks/custom/try", Access.READWRITE),
            Map.entry("GET /checks/custom/versions/{version}", Access.READWRITE),
            Map.entry("POST /checks/custom/versions/{version}/revert", Access.READWRITE),
            Map.entry("GET /api/v1/checks", Access.READWRITE),
            Map.entry("PUT /api/v1/checks", Access.READWRITE),
            Map.entry("POST /api/v1/checks/validate", Access.READWRITE),
            Map.entry("POST /api/v1/checks/try", Access.READWRITE),
            Map.entry("GET /api/v1/checks/versions", Access.READWRITE),
            Map.entry("GET /api/v1/checks/versions/{version}", Access.READWRITE),
            Map.entry("POST /api/v1/checks/versions/{version}/revert", Access.READWRITE),
            Map.entry("GET /api/docs", Access.READ),
            Map.entry("GET /api/docs.yaml", Access.READ),
            Map.entry("GET /api/docs/swagger-config", Access.READ),
            Map.entry("GET /api/docs/ui.html", Access.READ));

    @Autowired
    ApplicationContext context;

    @Autowired
    MockMvc mvc;

    /** The routes as "METHOD pattern"; a mapping without methods answers any method ("ANY"). */
    Set<String> routes() {
        Set<String> routes = new TreeSet<>();
        for (RequestMappingInfoHandlerMapping mapping :
                context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
            mapping.getHandlerMethods().keySet().forEach(info -> {
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                for (String pattern : info.getPatternValues()) {
                    if (methods.isEmpty()) {
                        routes.add("ANY " + pattern);
                    }
                    methods.forEach(method -> routes.add(method.name() + " " + pattern));
                }
            });
        }
        return routes;
    }

    @Test
    void everyRouteHasAnExpectedAccess() {
        assertThat(EXPECTED.keySet())
                .as("routes of the application without a rule in this test: add them to EXPECTED")
                .containsAll(routes());
    }

    @Test
    void everyVisitorGetsExactlyWhatTheirRoleAllows() throws Exception {
        List<String> wrong = new ArrayList<>();
        Map<String, String> seen = new TreeMap<>();
        for (String route : routes()) {
            Access access = EXPECTED.get(route);
            if (access == null) {
                continue; // reported by the other test
            }
            String method = route.substring(0, route.indexOf(' '));
            String path = concrete(route.substring(route.indexOf(' ') + 1));
            for (Visitor visitor : Visitor.values()) {
                MockHttpServletResponse response =
                        mvc.perform(request(method, path, visitor)).andReturn().getResponse();
                String outcome = outcome(response, path);
                seen.put(route + " as " + visitor, outcome);
                String expected = expected(access, visitor, path);
                if (!expected.equals(outcome)) {
                    wrong.add(route + " as " + visitor + ": expected " + expected + ", got " + outcome + " ("
                            + response.getStatus() + ")");
                }
            }
        }
        seen.forEach((cell, outcome) -> System.out.println("role matrix: " + cell + " -> " + outcome));
        assertThat(wrong).as("the role matrix, %d cells", seen.size()).isEmpty();
    }

    private static String expected(Access access, Visitor visitor, String path) {
        if (access == Access.PUBLIC) {
            return "allowed";
        }
        if (visitor == Visitor.ANONYMOUS) {
            return path.startsWith("/api/") ? "401" : "to sign-in";
        }
        boolean allowed = visitor == Visitor.READWRITE || visitor == Visitor.READ && access == Access.READ;
        return allowed ? "allowed" : "403";
    }

    /** "allowed" is anything past security: a page, a redirect elsewhere, a 400 or a 404 of the handler itself. */
    private static String outcome(MockHttpServletResponse response, String path) {
        String location = response.getHeader("Location");
        if (response.getStatus() == 302 && location != null && location.endsWith("/login")) {
            return "to sign-in";
        }
        if (response.getStatus() == 401) {
            return "401";
        }
        if (response.getStatus() == 403 && !path.equals("/access-denied")) {
            return "403";
        }
        return "allowed";
    }

    private static MockHttpServletRequestBuilder request(String method, String path, Visitor visitor) {
        HttpMethod http = HttpMethod.valueOf(method.equals("ANY") ? "GET" : method);
        MockHttpServletRequestBuilder request =
                MockMvcRequestBuilders.request(http, path).with(csrf());
        RequestPostProcessor who = switch (visitor) {
            case ANONYMOUS -> null;
            case NO_ROLE -> user("nobody").authorities(List.of());
            case READ -> user("reader").roles("READ");
            case READWRITE -> user("writer").roles("READWRITE");
        };
        return who == null ? request : request.with(who);
    }

    private static String concrete(String pattern) {
        return pattern.replace("{id}", UUID.randomUUID().toString())
                .replace("{project}", "ET")
                .replace("{release}", "H3-2026.7")
                .replace("{type}", "jira.versions")
                .replace("{version}", "1")
                .replace("/**", "/liveness");
    }
}
