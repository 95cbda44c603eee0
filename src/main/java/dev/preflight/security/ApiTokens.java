package dev.preflight.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Personal API tokens for scripts: shown once at creation, kept only as a SHA-256 (a token is 32
 * random bytes, so a slow hash adds nothing), with an expiry, revocable. A token of a local account
 * is worth no more than the account's current role, and nothing once the account is gone.
 */
@Service
public class ApiTokens {

    static final String PREFIX = "pft_";
    static final Duration LONGEST = Duration.ofDays(366);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ApiTokens(JdbcClient jdbc, Optional<Clock> clock) {
        this.jdbc = jdbc;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /** A token as listed: never its value. */
    public record ApiToken(
            UUID id,
            String owner,
            String ownerName,
            String name,
            Role role,
            Instant createdAt,
            Instant expiresAt,
            @Nullable Instant revokedAt,
            @Nullable Instant lastUsedAt) {

        public boolean usable(Instant now) {
            return revokedAt == null && now.isBefore(expiresAt);
        }
    }

    /** The owner and role a presented token stands for. */
    public record Bearer(String owner, String ownerName, Role role, UUID tokenId, String tokenName) {}

    public record Issued(ApiToken token, String value) {}

    public Issued issue(Member member, String name, Duration lifetime) {
        Role role = member.role().orElseThrow(() -> new IllegalArgumentException("a token needs a role to hold"));
        String owner = member.id();
        if (name.isBlank() || name.length() > 64) {
            throw new IllegalArgumentException("a token needs a name of 1 to 64 characters");
        }
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("a token lives from 1 to 366 days");
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String value = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = clock.instant();
        ApiToken token = new ApiToken(
                UUID.randomUUID(), owner, member.name(), name.strip(), role, now, now.plus(lifetime), null, null);
        jdbc.sql("INSERT INTO api_token (id, owner, owner_name, name, token_hash, role, created_at, expires_at)"
                        + " VALUES (?,?,?,?,?,?,?,?)")
                .params(
                        token.id(),
                        owner,
                        token.ownerName(),
                        token.name(),
                        hash(value),
                        role.label(),
                        utc(now),
                        utc(token.expiresAt()))
                .update();
        return new Issued(token, value);
    }

    /** Who a presented token stands for, if it is known, unrevoked and unexpired. */
    public Optional<Bearer> authenticate(String value) {
        if (!value.startsWith(PREFIX)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<ApiToken> found = jdbc.sql(select() + " WHERE token_hash = ?")
                .param(hash(value))
                .query(ApiTokens::token)
                .optional()
                .filter(token -> token.usable(now));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ApiToken token = found.get();
        Optional<Role> role = Optional.of(token.role());
        if (token.owner().startsWith(Member.LOCAL)) {
            role = jdbc.sql("SELECT role FROM account WHERE username = ?")
                    .param(token.owner().substring(Member.LOCAL.length()))
                    .query(String.class)
                    .optional()
                    .map(Role::parse)
                    .map(current -> current.atMost(token.role()));
        }
        if (role.isEmpty()) {
            return Optional.empty();
        }
        if (token.lastUsedAt() == null || token.lastUsedAt().isBefore(now.minusSeconds(60))) {
            try {
                jdbc.sql("UPDATE api_token SET last_used_at = ? WHERE id = ?")
                        .params(utc(now), token.id())
                        .update();
            } catch (org.springframework.dao.DataAccessException readOnly) {
                // a database without a primary still lets tokens read: the stamp waits for the next use
            }
        }
        return Optional.of(new Bearer(token.owner(), token.ownerName(), role.get(), token.id(), token.name()));
    }

    public List<ApiToken> of(String owner) {
        return jdbc.sql(select() + " WHERE owner = ? ORDER BY created_at DESC")
                .param(owner)
                .query(ApiTokens::token)
                .list();
    }

    /** Revokes one of the owner's tokens; false when the owner has no such token (someone else's included). */
    public boolean revoke(String owner, UUID id) {
        return jdbc.sql("UPDATE api_token SET revoked_at = ? WHERE id = ? AND owner = ? AND revoked_at IS NULL")
                        .params(utc(clock.instant()), id, owner)
                        .update()
                == 1;
    }

    /** Revokes every token of an owner, e.g. when a local account is removed. */
    public int revokeAll(String owner) {
        return jdbc.sql("UPDATE api_token SET revoked_at = ? WHERE owner = ? AND revoked_at IS NULL")
                .params(utc(clock.instant()), owner)
                .update();
    }

    private static String select() {
        return "SELECT id, owner, owner_name, name, role, created_at, expires_at, revoked_at, last_used_at FROM api_token";
    }

    private static ApiToken token(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new ApiToken(
                rs.getObject(1, UUID.class),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                Role.parse(rs.getString(5)),
                instant(rs.getObject(6, OffsetDateTime.class)),
                instant(rs.getObject(7, OffsetDateTime.class)),
                instant(rs.getObject(8, OffsetDateTime.class)),
                instant(rs.getObject(9, OffsetDateTime.class)));
    }

    @SuppressWarnings("NullAway")
    private static Instant instant(@Nullable OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static String hash(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
