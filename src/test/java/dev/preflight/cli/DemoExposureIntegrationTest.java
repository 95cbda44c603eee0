package dev.preflight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo as a user starts it, in its own JVM: it listens on loopback only (the embedded
 * database has no network server), its data folder is private, and a CLI command on the same
 * database while it runs is told why it cannot open it.
 */
@EnabledOnOs(OS.LINUX) // reads the process's sockets from /proc
class DemoExposureIntegrationTest {

    @Test
    void theDemoListensOnLoopbackOnlyAndKeepsItsDataPrivate(@TempDir Path temp) throws Exception {
        Path dataDir = temp.resolve("data");
        Process demo = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx384m",
                        "-XX:TieredStopAtLevel=1",
                        "-Dpreflight.data-dir=" + dataDir,
                        "-Dpreflight.security.local.admin-password=demo-exposure-test",
                        "-cp",
                        System.getProperty("java.class.path"),
                        "dev.preflight.cli.PreflightCli",
                        "demo",
                        "--port",
                        "0")
                .redirectErrorStream(true)
                .start();
        try {
            awaitRunning(demo);

            List<String> listening = listeningAddresses(demo.pid());
            assertThat(listening)
                    .isNotEmpty()
                    .allSatisfy(address -> assertThat(address)
                            .as("every listening socket is on loopback")
                            .isIn("127.0.0.1", "::1"));
            assertThat(permissions(dataDir)).isEqualTo("rwx------");
            assertThat(permissions(dataDir.resolve("db"))).isEqualTo("rwx------");
            try (Stream<Path> files = Files.list(dataDir.resolve("db"))) {
                assertThat(files.filter(Files::isRegularFile).toList())
                        .isNotEmpty()
                        .allSatisfy(file -> assertThat(permissions(file))
                                .as(file.toString())
                                .isEqualTo("rw-------"));
            }

            String before = System.getProperty("preflight.data-dir");
            System.setProperty("preflight.data-dir", dataDir.toString());
            try {
                CliRun list = CliRun.of("history", "list");
                assertThat(list.exitCode()).isEqualTo(PreflightCli.UPSTREAM);
                assertThat(list.err().strip())
                        .startsWith("preflight: the embedded database is in use by a running Preflight server")
                        .doesNotContain("\n");
            } finally {
                System.setProperty("preflight.data-dir", before);
            }
        } finally {
            demo.destroy();
            demo.waitFor(20, TimeUnit.SECONDS);
            demo.destroyForcibly();
        }
    }

    private static void awaitRunning(Process demo) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            seen.append(line).append('\n');
            if (line.startsWith("Preflight demo running at")) {
                Thread.ofVirtual().start(() -> out.lines().forEach(ignored -> {})); // keep draining
                return;
            }
        }
        throw new AssertionError("the demo ended before running:\n" + seen);
    }

    private static String permissions(Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The local addresses of the TCP sockets the process listens on, from /proc. */
    static List<String> listeningAddresses(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor went away while listing
                }
            }
        }
        List<String> addresses = new ArrayList<>();
        for (String table : List.of("tcp", "tcp6")) {
            List<String> lines = Files.readAllLines(Path.of("/proc", String.valueOf(pid), "net", table));
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.trim().split("\\s+");
                if (fields[3].equals("0A") && inodes.contains(fields[9])) { // 0A: LISTEN
                    addresses.add(address(fields[1].substring(0, fields[1].indexOf(':'))));
                }
            }
        }
        return addresses;
    }

    private static String address(String hex) {
        if (hex.length() == 8) {
            long v = Long.parseLong(hex, 16);
            return (v & 0xFF) + "." + (v >> 8 & 0xFF) + "." + (v >> 16 & 0xFF) + "." + (v >> 24 & 0xFF);
        }
        return switch (hex) {
            case "00000000000000000000000001000000" -> "::1";
            case "0000000000000000FFFF00000100007F" -> "127.0.0.1";
            case "00000000000000000000000000000000" -> "::";
            default -> hex;
        };
    }
}
