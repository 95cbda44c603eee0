package dev.preflight.history;

/** This node's name in heartbeats and claims: the configured one, else host name and process id. */
public final class NodeName {

    private NodeName() {}

    public static String of(String configured) {
        if (!configured.isBlank()) {
            return configured;
        }
        return host() + ":" + ProcessHandle.current().pid();
    }

    /** A default name ({@code host:pid}) of this host whose process is no longer alive. */
    static boolean endedOnThisHost(@org.jspecify.annotations.Nullable String node) {
        String prefix = host() + ":";
        if (node == null || !node.startsWith(prefix)) {
            return false;
        }
        long pid;
        try {
            pid = Long.parseLong(node.substring(prefix.length()));
        } catch (NumberFormatException e) {
            return false;
        }
        return pid != ProcessHandle.current().pid()
                && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    }

    private static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "node";
        }
    }
}
