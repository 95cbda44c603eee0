package dev.preflight.continuity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The deployment files' replicated database, checked without a container engine or a cluster:
 * Patroni itself validates the configuration each compose site would run, and the nodes' URLs,
 * the etcd members and the Kubernetes names are checked against each other.
 */
class ReplicatedDatabaseFilesTest {

    private static final Path PATRONI = Path.of("/usr/bin/patroni");
    /** What Patroni's validator says of this machine rather than of the file. */
    private static final List<Pattern> ONLY_HERE = List.of(
            Pattern.compile("etcd3\\.hosts\\.\\d+ etcd-\\d:2379 didn't pass validation: .*"),
            Pattern.compile("postgresql\\.listen .*Port \\d+ is already in use.*"),
            Pattern.compile("postgresql\\.bin_dir .* does not exist.*"));

    private static final Pattern DEFAULTED = Pattern.compile("\\$\\{[A-Z_]+:-([^}]*)}");

    private final Map<String, Object> compose = yaml(Path.of("compose.yaml"));

    @Test
    void patroniAcceptsEachSitesConfiguration() throws Exception {
        boolean ci = "true".equals(System.getenv("CI"));
        Assumptions.assumeTrue(
                ci || Files.isExecutable(PATRONI), "Patroni validates the compose sites: apt-get install patroni");
        assertThat(PATRONI).as("apt-get install patroni").isExecutable();
        for (String db : List.of("db-1", "db-2", "db-3")) {
            assertThat(complaints(environment(db)))
                    .as("Patroni's complaints about %s's configuration", db)
                    .isEmpty();
        }
        // the validator is really asked: without a site's own settings it has something to say
        assertThat(complaints(Map.of())).anyMatch(line -> line.contains("connect_address"));
    }

    private static List<String> complaints(Map<String, Object> environment) throws Exception {
        ProcessBuilder validate = new ProcessBuilder(
                        PATRONI.toString(), "--validate-config", "deploy/patroni/patroni.yml")
                .redirectErrorStream(true);
        validate.environment().keySet().removeIf(name -> name.startsWith("PATRONI_"));
        environment.forEach((name, value) -> validate.environment()
                .put(name, DEFAULTED.matcher(String.valueOf(value)).replaceAll("$1")));
        Process process = validate.start();
        List<String> complaints = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                .lines()
                .filter(line -> !line.isBlank())
                .filter(line ->
                        ONLY_HERE.stream().noneMatch(p -> p.matcher(line).matches()))
                .toList();
        process.waitFor();
        return complaints;
    }

    @Test
    void everyNodeKnowsEverySiteAndEverySiteKnowsEveryEtcdMember() throws IOException {
        Map<String, Object> patroni = yaml(Path.of("deploy/patroni/patroni.yml"));
        @SuppressWarnings("unchecked")
        List<String> etcdHosts = (List<String>) ((Map<String, Object>) patroni.get("etcd3")).get("hosts");
        assertThat(etcdHosts).containsExactly("etcd-1:2379", "etcd-2:2379", "etcd-3:2379");
        for (String etcd : List.of("etcd-1", "etcd-2", "etcd-3")) {
            @SuppressWarnings("unchecked")
            List<String> command = (List<String>) service(etcd).get("command");
            assertThat(command)
                    .as("%s's flags", etcd)
                    .contains(
                            "--name=" + etcd,
                            "--advertise-client-urls=http://" + etcd + ":2379",
                            "--initial-cluster=etcd-1=http://etcd-1:2380,etcd-2=http://etcd-2:2380,etcd-3=http://etcd-3:2380");
        }
        for (String db : List.of("db-1", "db-2", "db-3")) {
            assertThat(environment(db))
                    .as("%s's own name and addresses", db)
                    .containsEntry("PATRONI_NAME", db)
                    .containsEntry("PATRONI_POSTGRESQL_CONNECT_ADDRESS", db + ":5432")
                    .containsEntry("PATRONI_RESTAPI_CONNECT_ADDRESS", db + ":8008");
        }
        for (String node : List.of("node-1", "node-2", "node-3")) {
            assertThat(String.valueOf(environment(node).get("PREFLIGHT_DB_URL")))
                    .as("%s's database URL", node)
                    .startsWith("jdbc:postgresql://db-1:5432,db-2:5432,db-3:5432/preflight?")
                    .contains("targetServerType=primary");
            assertThat(environment(node).get("PREFLIGHT_DB_PASSWORD"))
                    .as("%s's password is the one post-init.sh gives Preflight's role", node)
                    .isEqualTo(environment("db-1").get("PREFLIGHT_DB_PASSWORD"));
        }
    }

    @Test
    void kubernetesNodesUseTheOperatorsServicesAndSecret() throws IOException {
        Map<String, Object> cluster = yaml(Path.of("deploy/kubernetes/database.yaml"));
        @SuppressWarnings("unchecked")
        String name = (String) ((Map<String, Object>) cluster.get("metadata")).get("name");
        String manifest = Files.readString(Path.of("deploy/kubernetes/preflight.yaml"));
        Matcher url = Pattern.compile("jdbc:postgresql://([^/\"]+)/(\\w+)\\?").matcher(manifest);
        assertThat(url.find()).as("a database URL in preflight.yaml").isTrue();
        assertThat(url.group(1)).isEqualTo(name + "-rw:5432," + name + "-ro:5432");
        assertThat(manifest)
                .contains("{name: " + name + "-app, key: username}", "{name: " + name + "-app, key: password}");
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) cluster.get("spec");
        @SuppressWarnings("unchecked")
        Map<String, Object> initdb = (Map<String, Object>) ((Map<String, Object>) spec.get("bootstrap")).get("initdb");
        assertThat(initdb).containsEntry("database", url.group(2));
        assertThat(spec).containsEntry("instances", 3);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> service(String name) {
        return (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get(name);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> environment(String service) {
        return (Map<String, Object>) service(service).get("environment");
    }

    private static Map<String, Object> yaml(Path file) {
        try {
            return new Yaml().load(Files.readString(file));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
