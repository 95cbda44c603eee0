package dev.preflight.security;

import java.util.List;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/** A list of networks (CIDR, IPv4 or IPv6, or single addresses) and the question "is this address in it?". */
final class Networks {

    private final List<IpAddressMatcher> matchers;

    Networks(List<String> networks) {
        this.matchers =
                networks.stream().map(n -> new IpAddressMatcher(n.strip())).toList();
    }

    boolean isEmpty() {
        return matchers.isEmpty();
    }

    boolean contains(String address) {
        for (IpAddressMatcher matcher : matchers) {
            try {
                if (matcher.matches(address)) {
                    return true;
                }
            } catch (IllegalArgumentException notAnAddress) {
                return false;
            }
        }
        return false;
    }

    static void requireValid(String network, String setting) {
        try {
            new IpAddressMatcher(network.strip()).matches("127.0.0.1");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + ": '" + network + "' is not an address or a CIDR network");
        }
    }
}
