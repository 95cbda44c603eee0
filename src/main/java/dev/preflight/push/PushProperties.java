package dev.preflight.push;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param subject whom push services contact about our messages: a {@code mailto:} or {@code https:}
 *     address (PREFLIGHT_PUSH_SUBJECT); without one, an {@code https} public URL is used, else push is off
 * @param keyFile the VAPID key pair, a secret file created at first start (mode 600); every node of a
 *     cluster must be given the same one; empty: {@code <data-dir>/keys/vapid-keys}
 * @param services the push services devices may subscribe with (host names, a name also covering its
 *     sub-domains); only {@code https} endpoints on them are accepted
 * @param sandboxService the sandbox's push service origin, the one {@code http} origin accepted
 * @param devicesPerPerson how many devices one person may register
 * @param attempts how many times a message is posted before it is given up (its TTL ends it sooner)
 * @param poll how often each node looks for messages to send
 */
@ConfigurationProperties("preflight.push")
record PushProperties(
        @Nullable String subject,
        @Nullable Path keyFile,

        @DefaultValue({"fcm.googleapis.com", "push.services.mozilla.com", "push.apple.com", "notify.windows.com"})
        List<String> services,

        @Nullable String sandboxService,
        @DefaultValue("10") int devicesPerPerson,
        @DefaultValue("8") int attempts,
        @DefaultValue("1s") Duration poll) {

    PushProperties {
        if (subject != null && subject.isBlank()) {
            subject = null;
        }
        if (subject != null && !validSubject(subject)) {
            throw new IllegalArgumentException(
                    "preflight.push.subject must be a mailto: or https: address, not '" + excerpt(subject) + "'");
        }
        if (devicesPerPerson < 1 || attempts < 1) {
            throw new IllegalArgumentException("preflight.push.devices-per-person and attempts must be at least 1");
        }
        services = services.stream()
                .map(s -> s.strip().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty())
                .toList();
        if (sandboxService != null && sandboxService.isBlank()) {
            sandboxService = null;
        }
    }

    /** The VAPID {@code sub}: the configured one, else the public URL when it is https; null: none. */
    @Nullable
    String subjectOr(@Nullable String publicUrl) {
        if (subject != null) {
            return subject;
        }
        return publicUrl != null && validSubject(publicUrl) ? publicUrl : null;
    }

    /** What push services accept as a contact: Apple refuses localhost and addresses without a real domain. */
    static boolean validSubject(String subject) {
        return (subject.matches("mailto:[^@\\s]+@[^@\\s]+\\.[^@\\s]+")
                        || subject.matches("https://[^\\s/:]+\\.[^\\s/:]+(:\\d+)?(/\\S*)?"))
                && !subject.contains("localhost");
    }

    static String excerpt(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
