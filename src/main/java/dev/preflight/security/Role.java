package dev.preflight.security;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** What a signed-in person may do: {@code read} history and reports, or also change things ({@code readwrite}). */
public enum Role {
    READ,
    READWRITE;

    public String authority() {
        return "ROLE_" + name();
    }

    public GrantedAuthority granted() {
        return new SimpleGrantedAuthority(authority());
    }

    /** The name used in settings, the CLI and pages: {@code read} or {@code readwrite}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role parse(String text) {
        for (Role role : values()) {
            if (role.label().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + text + "': use read or readwrite");
    }

    /** The strongest role among the authorities, if any. */
    public static Optional<Role> of(Collection<? extends GrantedAuthority> authorities) {
        Role best = null;
        for (GrantedAuthority authority : authorities) {
            for (Role role : values()) {
                if (role.authority().equals(authority.getAuthority()) && (best == null || role.compareTo(best) > 0)) {
                    best = role;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** The weaker of two roles: a token never grants more than its owner holds. */
    public Role atMost(Role other) {
        return compareTo(other) <= 0 ? this : other;
    }
}
