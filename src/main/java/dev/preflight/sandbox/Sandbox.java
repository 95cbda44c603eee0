package dev.preflight.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole outside world of one scenario, served on loopback. Closing it stops every server.
 * Real connectors talk to it over sockets, exactly as they talk to production.
 */
public final class Sandbox implements AutoCloseable {

    private final Scenario scenario;
    private final SandboxCredentials credentials = SandboxCredentials.standard();
    private final JiraSimulator jira;
    private final PackagingSimulator packaging;
    private final LuccaSimulator lucca;
    private final TeamsSink teams;
    private final DirectorySimulator directory;
    private final SourcesSimulator sources;
    private final PushServiceSimulator push;

    private Sandbox(Scenario scenario, Ports ports) throws Exception {
        this.scenario = scenario;
        JsonMapper json = JsonMapper.builder().build();
        jira = new JiraSimulator(scenario, credentials, json);
        packaging = new PackagingSimulator(scenario, credentials, json);
        lucca = new LuccaSimulator(scenario, credentials, json);
        teams = new TeamsSink(scenario, json);
        sources = new SourcesSimulator(scenario, json);
        push = new PushServiceSimulator(scenario, json);
        try {
            jira.start(ports.jira());
            packaging.start(ports.packaging());
            lucca.start(ports.lucca());
            teams.start(ports.teams());
            sources.start(ports.sources());
            push.start(0);
            directory = new DirectorySimulator(scenario, credentials, ports.ldap());
            if (scenario.faults().stream().anyMatch(f -> f.target().equals("ldap") && "down".equals(f.kind()))) {
                directory.stopListening(); // its URL stays known, and refuses connections
            }
        } catch (Exception e) {
            closeServers();
            throw e;
        }
    }

    /** The ports to listen on; 0 takes any free one. */
    public record Ports(int jira, int packaging, int ldap, int lucca, int teams, int sources) {
        /** These ports, the custom checks' sources on any free one. */
        public Ports(int jira, int packaging, int ldap, int lucca, int teams) {
            this(jira, packaging, ldap, lucca, teams, 0);
        }

        public static Ports any() {
            return new Ports(0, 0, 0, 0, 0, 0);
        }
    }

    public static Sandbox start(Scenario scenario) {
        return start(scenario, Ports.any());
    }

    public static Sandbox start(Scenario scenario, Ports ports) {
        try {
            return new Sandbox(scenario, ports);
        } catch (IOException e) {
            throw new UncheckedIOException("sandbox cannot listen on loopback: " + e.getMessage(), e);
        } catch (Exception e) {
            throw new IllegalStateException("sandbox cannot start: " + e.getMessage(), e);
        }
    }

    public static Sandbox start(Path scenarioFile) {
        return start(new ScenarioLoader().load(scenarioFile));
    }

    /** Where each simulated upstream answers, and the credentials it accepts. */
    public record Endpoints(
            String jiraUrl,
            String packagingUrl,
            String ldapUrl,
            String luccaUrl,
            String teamsWebhookUrl,
            String sourcesUrl,
            String pushServiceUrl,
            SandboxCredentials credentials) {}

    public Endpoints endpoints() {
        return new Endpoints(
                jira.url(),
                packaging.url(),
                directory.url(),
                lucca.url(),
                teams.url() + TeamsSink.PATH,
                sources.url(),
                push.url(),
                credentials);
    }

    /**
     * The base URL of the scenario's {@code endpoints} (the web APIs custom checks read), e.g.
     * {@code http://127.0.0.1:PORT}; its OAuth 2 token endpoint is {@code /oauth/token}.
     */
    public String sourcesUrl() {
        return sources.url();
    }

    /** Requests made to the sources' endpoints so far (token requests aside). */
    public int sourceRequests() {
        return sources.requests();
    }

    /** Requests made to the sources' OAuth 2 token endpoint so far, refused ones included. */
    public int sourceTokenRequests() {
        return sources.tokenRequests();
    }

    /** Every access token the sources' token endpoint issued expires now. */
    public void expireSourceTokens() {
        sources.expireTokens();
    }

    /**
     * The settings that point every connector at this sandbox: URLs, credentials, the scenario's
     * custom-field ids and release-name prefix.
     */
    public java.util.Map<String, Object> connectorProperties() {
        return connectorProperties(scenario, endpoints());
    }

    /**
     * The names of the settings a sandbox of this scenario gives: known before it has started
     * (only the values need its ports), so a command can start its context meanwhile.
     */
    public static java.util.Set<String> connectorPropertyNames(Scenario scenario) {
        return connectorProperties(scenario, new Endpoints("", "", "", "", "", "", "", SandboxCredentials.standard()))
                .keySet();
    }

    private static java.util.Map<String, Object> connectorProperties(Scenario scenario, Endpoints e) {
        SandboxCredentials c = e.credentials();
        java.util.Map<String, Object> p = new java.util.LinkedHashMap<>();
        p.put("preflight.jira.url", e.jiraUrl());
        p.put("preflight.jira.user", c.jiraUser());
        p.put("preflight.jira.token", c.jiraToken());
        p.put("preflight.jira.browse-url", e.jiraUrl() + "/browse/");
        Scenario.Fields fields = scenario.jira().fields();
        p.put("preflight.jira.fields.qc-assignee", fields.qcAssignee());
        p.put("preflight.jira.fields.code-reviewer", fields.codeReviewer());
        p.put("preflight.jira.fields.packages", fields.packages());
        if (fields.qcStatus() != null) {
            p.put("preflight.jira.fields.qc-status", fields.qcStatus());
        }
        p.put("preflight.packaging.url", e.packagingUrl());
        p.put("preflight.packaging.user", c.packagingUser());
        p.put("preflight.packaging.password", c.packagingPassword());
        p.put("preflight.packaging.resync-poll-interval", "100ms");
        String project = scenario.packaging().project() != null
                ? scenario.packaging().project()
                : scenario.jira().project().key();
        p.put(
                "preflight.packaging.release-prefix." + project,
                scenario.packaging().releasePrefix());
        p.put("preflight.ldap.url", e.ldapUrl());
        p.put("preflight.ldap.bind-dn", c.ldapBindDn());
        p.put("preflight.ldap.password", c.ldapPassword());
        p.put("preflight.ldap.base-dn", c.ldapBaseDn());
        p.put("preflight.ldap.account-id-attribute", "extensionAttribute1");
        p.put("preflight.lucca.url", e.luccaUrl());
        p.put("preflight.lucca.key", c.luccaKey());
        p.put("preflight.check.project", scenario.jira().project().key());
        p.put("preflight.teams.sandbox-webhook-url", e.teamsWebhookUrl());
        // phones subscribe with the sandbox's push service; its VAPID contact is the demo team's
        p.put("preflight.push.sandbox-service", e.pushServiceUrl());
        p.put("preflight.push.subject", "mailto:release-managers@example.com");
        if (!scenario.endpoints().isEmpty()) {
            // the scenario's web APIs are served on this machine: custom checks may read them
            p.put("preflight.sources.allowed-hosts", "127.0.0.1/32");
        }
        return p;
    }

    public Scenario scenario() {
        return scenario;
    }

    /** Upstream HTTP requests served so far, by target (for benchmarks and tests). */
    public long requestCount(String target) {
        return switch (target) {
            case "jira" -> jira.requestCount();
            case "packaging" -> packaging.requestCount();
            case "lucca" -> lucca.requestCount();
            case "teams" -> teams.requestCount();
            case "sources" -> sources.requestCount();
            case "push" -> push.requestCount();
            default -> throw new IllegalArgumentException("unknown target " + target);
        };
    }

    /** The change requests the packaging server holds now, probes included. */
    public Collection<PackagingSimulator.ChangeRequest> packagingChangeRequests() {
        return packaging.changeRequests();
    }

    /** Leaves a probe change request behind, as a run that crashed would. */
    /** How many resyncs the packaging server was asked for. */
    public int packagingResyncs() {
        return packaging.resyncCount();
    }

    public void leaveOrphanProbe(String release, String label) {
        packaging.addChangeRequest(new PackagingSimulator.ChangeRequest(
                "CR-ORPHAN-" + Math.abs(label.hashCode()), "", label, true, List.of(), release));
    }

    public void expirePackagingTokens() {
        packaging.expireTokens();
    }

    /** Arms a fault at run time, as if the scenario had listed it. */
    public void inject(Scenario.Fault fault) {
        switch (fault.target()) {
            case "jira" -> jira.inject(fault);
            case "packaging" -> packaging.inject(fault);
            case "lucca" -> lucca.inject(fault);
            case "teams" -> teams.inject(fault);
            case "sources" -> sources.inject(fault);
            case "push" -> push.inject(fault);
            default -> throw new IllegalArgumentException("unknown target " + fault.target());
        }
    }

    public List<TeamsPost> teamsPosts() {
        return teams.posts();
    }

    /**
     * A browser subscribes with the sandbox's push service, restricted to this application server
     * key (base64url), as {@code pushManager.subscribe} does; give the result to Preflight.
     */
    public BrowserSubscription pushSubscribe(String applicationServerKey) {
        return push.subscribe(applicationServerKey);
    }

    /** The browser drops this subscription: its push service answers 410 Gone from now on. */
    public void pushUnsubscribe(String endpoint) {
        push.unsubscribe(endpoint);
    }

    /** The messages the push service accepted, decrypted as the browser would. */
    public List<PushedMessage> pushedMessages() {
        return push.received();
    }

    @Override
    public void close() {
        closeServers();
        directory.close();
    }

    private void closeServers() {
        jira.close();
        packaging.close();
        lucca.close();
        teams.close();
        sources.close();
        push.close();
    }
}
