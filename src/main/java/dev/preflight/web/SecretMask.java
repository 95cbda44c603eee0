package dev.preflight.web;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides secrets on pages by the setting's name and by the value's shape: a setting named like a
 * secret is hidden whole; elsewhere a URL's signature or token parameter, a password in a URL,
 * {@code --db-password=...}-style arguments, bearer and Preflight tokens are.
 */
final class SecretMask {

    static final String HIDDEN = "****";

    private static final List<String> SECRET_WORDS = List.of("password", "token", "key", "secret", "webhook");

    /** Query parameters that carry a credential: Azure/Teams signatures (sig), tokens, keys. */
    private static final Pattern URL_SECRET = Pattern.compile(
            "(?i)([?&](?:sig|signature|token|access_token|key|api_key|apikey|secret|password|code)=)[^&\\s\"']+");

    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(\\b[a-z][a-z0-9+.-]*://[^/\\s:@]+:)[^@\\s/]+(@)");

    /** {@code --db-password=x}, {@code -Dapp.secret=x}, {@code PREFLIGHT_JIRA_TOKEN=x}, also with a space. */
    private static final Pattern NAMED_SECRET = Pattern.compile(
            "(?i)((?:^|[\\s\"'])-{0,2}[\\w.-]*(?:password|passwd|secret|token|apikey|api-key|api_key|credential)[\\w.-]*[=:]\\s?)[^\\s\"']+");

    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+|basic\\s+)[A-Za-z0-9._~+/=-]+");

    private static final Pattern PREFLIGHT_TOKEN = Pattern.compile("pft_[A-Za-z0-9_-]+");

    private SecretMask() {}

    /** A setting as the Tools page shows it. */
    static String setting(String key, String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String name = key.toLowerCase(Locale.ROOT);
        if (SECRET_WORDS.stream().anyMatch(name::contains)) {
            return HIDDEN;
        }
        return text(value);
    }

    /** Any text shown on a page (a setting's value, a process's output): secrets by their shape hidden. */
    static String text(String text) {
        String masked = replace(URL_SECRET, text);
        masked = replace(URL_PASSWORD, masked, 2);
        masked = replace(NAMED_SECRET, masked);
        masked = replace(BEARER, masked);
        return PREFLIGHT_TOKEN.matcher(masked).replaceAll(HIDDEN);
    }

    private static String replace(Pattern pattern, String text) {
        return pattern.matcher(text).replaceAll(match -> Matcher.quoteReplacement(match.group(1) + HIDDEN));
    }

    private static String replace(Pattern pattern, String text, int groups) {
        return pattern.matcher(text)
                .replaceAll(match -> Matcher.quoteReplacement(match.group(1) + HIDDEN + match.group(2)));
    }
}
