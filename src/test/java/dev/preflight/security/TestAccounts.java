package dev.preflight.security;

import java.time.Duration;
import java.util.Optional;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Accounts and API tokens for tests that go through sign-in like everyone else. */
public final class TestAccounts {

    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "test-admin-password";

    private TestAccounts() {}

    /** The first admin gets a known password (not printed, no forced change). */
    public static void admin(DynamicPropertyRegistry registry) {
        registry.add("preflight.security.local.admin-password", () -> ADMIN_PASSWORD);
    }

    /** A fresh API token of the first admin (readwrite). */
    public static String adminToken(ApplicationContext context) {
        return context.getBean(ApiTokens.class)
                .issue(
                        new Member(Member.localId(ADMIN), ADMIN, Optional.of(Role.READWRITE)),
                        "test",
                        Duration.ofDays(1))
                .value();
    }

    /** A local account with a known password that needs no change. */
    public static void account(ApplicationContext context, String name, Role role, String password) {
        context.getBean(LocalAccounts.class).add(name, role, Optional.of(password));
    }
}
