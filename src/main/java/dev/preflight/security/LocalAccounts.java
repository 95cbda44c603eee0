package dev.preflight.security;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accounts kept in Preflight's own database, for the demo and for teams without an identity
 * provider. Passwords are stored as bcrypt hashes; a generated password must be changed at the
 * first sign-in, so the copy shown once (in a log or a terminal) stops working.
 */
@Service
public class LocalAccounts implements UserDetailsService {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    static final int MIN_PASSWORD = 12;
    static final int MAX_PASSWORD = 64;

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final CommonPasswords common;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /** A local account is gone or lost its role: what it was given (devices, sessions) goes too. */
    public record AccountWithdrawn(String memberId) {}

    private final org.springframework.context.ApplicationEventPublisher events;

    public LocalAccounts(
            JdbcClient jdbc,
            PasswordEncoder encoder,
            CommonPasswords common,
            Optional<Clock> clock,
            org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.jdbc = jdbc;
        this.common = common;
        this.encoder = encoder;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    public record Account(
            String username, Role role, boolean mustChange, Instant createdAt, Instant passwordChangedAt) {}

    /**
     * An account name as every path uses it (sign-in, throttling, audit, the CLI): surrounding
     * spaces and control characters dropped, exactly as Spring Security's form login trims the
     * name it is given; case kept, and names are compared case-sensitively.
     */
    public static String normalise(String username) {
        return username.trim();
    }

    public List<Account> list() {
        return jdbc.sql(
                        "SELECT username, role, must_change, created_at, password_changed_at FROM account ORDER BY username")
                .query(LocalAccounts::account)
                .list();
    }

    public Optional<Account> find(String username) {
        return jdbc.sql("SELECT username, role, must_change, created_at, password_changed_at FROM account"
                        + " WHERE username = ?")
                .param(normalise(username))
                .query(LocalAccounts::account)
                .optional();
    }

    private static Account account(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Account(
                rs.getString(1),
                Role.parse(rs.getString(2)),
                rs.getBoolean(3),
                rs.getObject(4, java.time.OffsetDateTime.class).toInstant(),
                rs.getObject(5, java.time.OffsetDateTime.class).toInstant());
    }

    public boolean isEmpty() {
        return jdbc.sql("SELECT COUNT(*) FROM account").query(Long.class).single() == 0;
    }

    /** Adds an account; with no password given, generates one that must be changed at first sign-in. Returns the password. */
    @Transactional
    public String add(String given, Role role, Optional<String> password) {
        String username = normalise(given);
        requireName(username);
        if (find(username).isPresent()) {
            throw new IllegalArgumentException("the account '" + username + "' already exists");
        }
        String secret = password.map(this::requireStrong).orElseGet(this::generate);
        Instant now = clock.instant();
        jdbc.sql("INSERT INTO account (username, password_hash, role, must_change, created_at, password_changed_at)"
                        + " VALUES (?,?,?,?,?,?)")
                .params(
                        username,
                        encoder.encode(secret),
                        role.label(),
                        password.isEmpty(),
                        now.atOffset(ZoneOffset.UTC),
                        now.atOffset(ZoneOffset.UTC))
                .update();
        return secret;
    }

    /** Sets a new password; a generated one (none given) must be changed at the next sign-in. Returns it. */
    public String setPassword(String given, Optional<String> password) {
        String username = normalise(given);
        String secret = password.map(this::requireStrong).orElseGet(this::generate);
        int changed = jdbc.sql("UPDATE account SET password_hash = ?, must_change = ?, password_changed_at = ?"
                        + " WHERE username = ?")
                .params(
                        encoder.encode(secret),
                        password.isEmpty(),
                        clock.instant().atOffset(ZoneOffset.UTC),
                        username)
                .update();
        if (changed == 0) {
            throw new IllegalArgumentException("no account named '" + username + "'");
        }
        return secret;
    }

    /** A person changing their own password must know the current one. */
    public void changeOwnPassword(String given, String current, String replacement) {
        String username = normalise(given);
        String hash = jdbc.sql("SELECT password_hash FROM account WHERE username = ?")
                .param(username)
                .query(String.class)
                .optional()
                .orElseThrow(() -> new IllegalArgumentException("no account named '" + username + "'"));
        if (!encoder.matches(current, hash)) {
            throw new IllegalArgumentException("the current password is wrong");
        }
        if (encoder.matches(replacement, hash)) {
            throw new IllegalArgumentException("the new password must differ from the current one");
        }
        setPassword(username, Optional.of(replacement));
    }

    public void remove(String given) {
        String username = normalise(given);
        if (jdbc.sql("DELETE FROM account WHERE username = ?").param(username).update() == 0) {
            throw new IllegalArgumentException("no account named '" + username + "'");
        }
        events.publishEvent(new AccountWithdrawn(Member.localId(username)));
    }

    public void setRole(String given, Role role) {
        String username = normalise(given);
        if (jdbc.sql("UPDATE account SET role = ? WHERE username = ?")
                        .params(role.label(), username)
                        .update()
                == 0) {
            throw new IllegalArgumentException("no account named '" + username + "'");
        }
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return jdbc.sql("SELECT username, password_hash, role FROM account WHERE username = ?")
                .param(normalise(username))
                .query((rs, n) -> User.withUsername(rs.getString(1))
                        .password(rs.getString(2))
                        .authorities(Role.parse(rs.getString(3)).granted())
                        .build())
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException("unknown account"));
    }

    private String generate() {
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            if (i > 0 && i % 5 == 0) {
                password.append('-');
            }
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    static void requireName(String username) {
        if (!NAME.matcher(username).matches()) {
            throw new IllegalArgumentException(
                    "account name '" + username
                            + "' is not valid: up to 64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit");
        }
    }

    String requireStrong(String password) {
        if (password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
            throw new IllegalArgumentException(
                    "a password needs " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters");
        }
        if (password.isBlank()) {
            throw new IllegalArgumentException("a password cannot be only spaces");
        }
        common.weakness(password).ifPresent(reason -> {
            throw new IllegalArgumentException(reason);
        });
        return password;
    }
}
