package dev.preflight.history;

/** This node's name in heartbeats and claims: the configured one, else host name and process id. */
public final class NodeName {

    private NodeName() {}

    public static String of(String configured) {
        if (!configured.isBlank()) {
            return configured;
        }
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "node";
        }
        return host + ":" + ProcessHandle.current().pid();
    }
}
