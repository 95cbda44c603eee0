package dev.preflight.directory;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.extensions.StartTLSExtendedRequest;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustAllTrustManager;
import java.security.GeneralSecurityException;
import java.text.MessageFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * Looks people up in LDAP through a connection pool. Results are cached for the life of this
 * object: create one per check run so a run sees one consistent directory.
 */
public final class Directory implements AutoCloseable {

    private final DirectoryProperties properties;
    private final LDAPConnectionPool pool;
    private final Map<String, Optional<DirectoryEntry>> cache = new ConcurrentHashMap<>();

    public Directory(DirectoryProperties properties) {
        this.properties = properties;
        try {
            this.pool = new LDAPConnectionPool(connect(), 1, properties.poolSize());
        } catch (LDAPException | GeneralSecurityException e) {
            throw new DirectoryException(
                    "cannot connect to " + properties.url().getHost() + ":" + port() + " (" + message(e) + ")", e);
        }
    }

    /** Test connection: the number of entries under the base DN reachable with one search. */
    public String verify() {
        try {
            return pool.getRootDSE() == null
                    ? "connected"
                    : "connected to " + properties.url().getHost();
        } catch (LDAPException e) {
            throw new DirectoryException("LDAP search failed (" + message(e) + ")", e);
        }
    }

    public Optional<DirectoryEntry> byMail(String mail) {
        return cache.computeIfAbsent(
                "mail:" + mail.toLowerCase(java.util.Locale.ROOT), key -> search(properties.mailFilter(), mail));
    }

    public Optional<DirectoryEntry> byDisplayName(String displayName) {
        return cache.computeIfAbsent("name:" + displayName, key -> search(properties.displayNameFilter(), displayName));
    }

    public Optional<DirectoryEntry> byAccountId(String accountId) {
        if (properties.accountIdAttribute() == null) {
            return Optional.empty();
        }
        return cache.computeIfAbsent(
                "account:" + accountId, key -> search("(" + properties.accountIdAttribute() + "={0})", accountId));
    }

    private Optional<DirectoryEntry> search(String filterTemplate, String value) {
        String filter = MessageFormat.format(filterTemplate, Filter.encodeValue(value));
        try {
            SearchResult result = pool.search(
                    properties.baseDn(), SearchScope.SUB, filter, "mail", "userPrincipalName", "displayName");
            // an ambiguous name resolves to nobody rather than to the wrong person
            if (result.getEntryCount() != 1) {
                return Optional.empty();
            }
            SearchResultEntry entry = result.getSearchEntries().getFirst();
            String mail = entry.getAttributeValue("mail");
            if (mail == null) {
                return Optional.empty();
            }
            String upn = entry.getAttributeValue("userPrincipalName");
            String name = entry.getAttributeValue("displayName");
            return Optional.of(new DirectoryEntry(
                    mail.toLowerCase(java.util.Locale.ROOT), upn == null ? mail : upn, name == null ? mail : name));
        } catch (LDAPException e) {
            throw new DirectoryException("LDAP search " + filter + " failed (" + message(e) + ")", e);
        }
    }

    private LDAPConnection connect() throws LDAPException, GeneralSecurityException {
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis((int) properties.timeout().toMillis());
        options.setResponseTimeoutMillis(properties.timeout().toMillis());
        boolean ldaps = "ldaps".equalsIgnoreCase(properties.url().getScheme());
        SSLUtil ssl = properties.trustAll() ? new SSLUtil(new TrustAllTrustManager()) : new SSLUtil();
        LDAPConnection connection = ldaps
                ? new LDAPConnection(
                        ssl.createSSLSocketFactory(), options, properties.url().getHost(), port())
                : new LDAPConnection(options, properties.url().getHost(), port());
        try {
            if (properties.startTls() && !ldaps) {
                SSLContext context = ssl.createSSLContext();
                connection.processExtendedOperation(new StartTLSExtendedRequest(context));
            }
            if (properties.bindDn() != null && !properties.bindDn().isBlank()) {
                connection.bind(properties.bindDn(), properties.password() == null ? "" : properties.password());
            }
            return connection;
        } catch (LDAPException e) {
            connection.close();
            throw e;
        }
    }

    private int port() {
        if (properties.url().getPort() > 0) {
            return properties.url().getPort();
        }
        return "ldaps".equalsIgnoreCase(properties.url().getScheme()) ? 636 : 389;
    }

    private static String message(Exception e) {
        @Nullable
        String text = e instanceof LDAPException ldap
                ? ldap.getResultCode() + ": " + ldap.getDiagnosticMessage()
                : e.getMessage();
        return text == null ? e.getClass().getSimpleName() : text;
    }

    @Override
    public void close() {
        pool.close();
    }

    /** A directory that failed; the message names the server and the problem, never the password. */
    public static class DirectoryException extends RuntimeException {
        DirectoryException(String message, Throwable cause) {
            super("directory: " + message, cause);
        }
    }
}
