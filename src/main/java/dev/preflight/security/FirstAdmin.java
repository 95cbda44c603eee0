package dev.preflight.security;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

/**
 * A server with local accounts and none yet gets an {@code admin} with the readwrite role, so the
 * first person can sign in. Its generated password is printed once and must be changed at the
 * first sign-in, so the printed copy is worthless afterwards; a password set by configuration
 * (automated set-ups) is never printed.
 */
@Component
@ConditionalOnWebApplication
class FirstAdmin implements ApplicationRunner {

    static final String NAME = "admin";
    private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

    private final LocalAccounts accounts;
    private final SecurityProperties properties;

    FirstAdmin(LocalAccounts accounts, SecurityProperties properties) {
        this.accounts = accounts;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        if (!properties.local().enabled() || !accounts.isEmpty()) {
            return;
        }
        Optional<String> configured =
                Optional.ofNullable(properties.local().adminPassword()).filter(password -> !password.isBlank());
        try {
            String password = accounts.add(NAME, Role.READWRITE, configured);
            if (configured.isPresent()) {
                log.info("Created the local account '{}' (readwrite) with the configured password.", NAME);
            } else {
                log.warn(
                        "Created the local account '{}' (readwrite). One-time password: {} (shown only now; it must be"
                                + " changed at the first sign-in; reset it with 'preflight users passwd {}').",
                        NAME,
                        password,
                        NAME);
            }
        } catch (IllegalArgumentException raced) {
            // another node created it first: nothing to print here
            log.debug("first admin not created here: {}", raced.getMessage());
        }
    }
}
