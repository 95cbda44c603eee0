package dev.preflight.custom.http;

import dev.preflight.custom.HostCheck;
import dev.preflight.custom.SourceFailure;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The setting {@code preflight.sources.allowed-hosts}: host names, {@code *.domain} patterns and
 * CIDRs. Decisions are made on the resolved addresses, so a name that resolves to a private or
 * metadata address is caught however it is spelled; callers connect to the addresses returned by
 * {@link #checkedAddresses}, never to a second resolution.
 */
public final class AllowedHosts implements HostCheck {

    private static final String SETTING = "preflight.sources.allowed-hosts";
    private static final Pattern NAME = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,62})(\\.[a-z0-9_]([a-z0-9_-]{0,62}))*");
    private static final Pattern IPV4 =
            Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*(%[A-Za-z0-9_.-]+)?");

    /** Name resolution, replaceable so tests can make any name resolve to any address. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final Set<String> names;
    private final List<String> domains;
    private final List<Cidr> cidrs;
    private final Resolver resolver;

    public AllowedHosts(List<String> entries) {
        this(entries, InetAddress::getAllByName);
    }

    public AllowedHosts(List<String> entries, Resolver resolver) {
        List<String> exact = new ArrayList<>();
        List<String> suffixes = new ArrayList<>();
        List<Cidr> ranges = new ArrayList<>();
        for (String raw : entries) {
            String entry = withoutTrailingDot(raw.strip().toLowerCase(Locale.ROOT));
            if (entry.isEmpty()) {
                continue; // a trailing comma in the setting
            }
            if (entry.contains("/") || literal(entry) != null) {
                ranges.add(Cidr.parse(entry));
            } else if (entry.startsWith("*.")
                    && NAME.matcher(entry.substring(2)).matches()) {
                suffixes.add(entry.substring(1));
            } else if (NAME.matcher(entry).matches()) {
                exact.add(entry);
            } else {
                throw invalid(raw);
            }
        }
        this.names = Set.copyOf(exact);
        this.domains = List.copyOf(suffixes);
        this.cidrs = List.copyOf(ranges);
        this.resolver = resolver;
    }

    @Override
    public void require(String host) throws SourceFailure {
        checkedAddresses(host);
    }

    /**
     * The addresses of {@code host} a source may connect to: resolved once and filtered by the
     * rules; a failure when none is left.
     */
    public InetAddress[] checkedAddresses(String host) throws SourceFailure {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress literal = literal(bare);
        if (literal != null) {
            InetAddress address = normalised(literal);
            Kind kind = Kind.of(address);
            if (kind.never()) {
                throw new SourceFailure("host " + host + " is refused: " + kind.reason);
            }
            if (!inCidr(address)) {
                throw new SourceFailure("host " + host + " is not in " + SETTING);
            }
            return new InetAddress[] {address};
        }
        if (bare.contains(":")) {
            throw new SourceFailure("host " + host + " is not a valid address");
        }
        String name = withoutTrailingDot(bare.toLowerCase(Locale.ROOT));
        if (!NAME.matcher(name).matches()) {
            throw new SourceFailure("host " + oneLine(host) + " is not a valid host name");
        }
        InetAddress[] resolved = resolve(host);
        boolean listed = names.contains(name) || domains.stream().anyMatch(d -> name.endsWith(d));
        if (!listed && !Arrays.stream(resolved).allMatch(this::inCidr)) {
            throw new SourceFailure("host " + host + " is not in " + SETTING);
        }
        List<InetAddress> passing = new ArrayList<>();
        String firstRefusal = null;
        for (InetAddress address : resolved) {
            Kind kind = Kind.of(address);
            if (!kind.never() && (kind == Kind.PUBLIC || inCidr(address))) {
                passing.add(address);
            } else if (firstRefusal == null) {
                firstRefusal = kind.never()
                        ? address.getHostAddress() + ", which is refused: " + kind.reason
                        : address.getHostAddress() + ", a non-public address not in " + SETTING;
            }
        }
        if (passing.isEmpty()) {
            throw new SourceFailure("host " + host + " resolves to " + firstRefusal);
        }
        return passing.toArray(InetAddress[]::new);
    }

    /** Whether the host is written as an address rather than a name (no resolution needed). */
    static boolean isLiteral(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return bare.contains(":") || literal(bare) != null;
    }

    private InetAddress[] resolve(String host) throws SourceFailure {
        InetAddress[] resolved;
        try {
            resolved = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new SourceFailure("host " + host + " could not be resolved");
        }
        if (resolved == null || resolved.length == 0) {
            throw new SourceFailure("host " + host + " could not be resolved");
        }
        return Arrays.stream(resolved).map(AllowedHosts::normalised).toArray(InetAddress[]::new);
    }

    private boolean inCidr(InetAddress address) {
        return cidrs.stream().anyMatch(cidr -> cidr.contains(address));
    }

    /** A strict dotted-quad or IPv6 literal; anything else (0177.0.0.1, 2130706433) is a name. */
    static @org.jspecify.annotations.Nullable InetAddress literal(String text) {
        if (!IPV4.matcher(text).matches() && !IPV6.matcher(text).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(text); // a literal of either form: no lookup
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** IPv4 written in IPv6 (mapped, compatible, NAT64) is judged as the IPv4 address it reaches. */
    static InetAddress normalised(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address;
        }
        byte[] b = address.getAddress();
        boolean zeroTo10 = allZero(b, 0, 10);
        boolean mapped = zeroTo10 && b[10] == (byte) 0xff && b[11] == (byte) 0xff;
        boolean compatible =
                zeroTo10 && b[10] == 0 && b[11] == 0 && !(allZero(b, 12, 15) && (b[15] == 0 || b[15] == 1));
        boolean nat64 = b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b && allZero(b, 4, 12);
        if (mapped || compatible || nat64) {
            try {
                return InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16));
            } catch (UnknownHostException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
        return address;
    }

    private static boolean allZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static String withoutTrailingDot(String host) {
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    private static String oneLine(String text) {
        return text.replaceAll("[\\r\\n\\t]", " ");
    }

    private static IllegalArgumentException invalid(String entry) {
        return new IllegalArgumentException(
                SETTING + ": '" + oneLine(entry.strip()) + "' is not a host name, *.domain pattern or CIDR");
    }

    /** What an address is, for the rules. */
    enum Kind {
        LINK_LOCAL("link-local and metadata addresses are never allowed"),
        UNROUTABLE("unspecified, multicast and broadcast addresses are never allowed"),
        NON_PUBLIC(""),
        PUBLIC("");

        final String reason;

        Kind(String reason) {
            this.reason = reason;
        }

        boolean never() {
            return this == LINK_LOCAL || this == UNROUTABLE;
        }

        static Kind of(InetAddress address) {
            byte[] b = address.getAddress();
            return address instanceof Inet4Address ? ofV4(b) : ofV6(b);
        }

        private static Kind ofV4(byte[] b) {
            int a0 = b[0] & 0xff;
            int a1 = b[1] & 0xff;
            int a2 = b[2] & 0xff;
            if ((a0 == 169 && a1 == 254) || (a0 == 100 && a1 == 100 && a2 == 100 && (b[3] & 0xff) == 200)) {
                return LINK_LOCAL; // 169.254.169.254 and Alibaba's 100.100.100.200 metadata
            }
            if (a0 == 0 || a0 >= 224) {
                return UNROUTABLE; // "this network", multicast, reserved 240/4 and broadcast
            }
            boolean nonPublic = a0 == 127
                    || a0 == 10
                    || (a0 == 172 && a1 >= 16 && a1 < 32)
                    || (a0 == 192 && a1 == 168)
                    || (a0 == 100 && a1 >= 64 && a1 < 128) // CGNAT
                    || (a0 == 198 && (a1 == 18 || a1 == 19)) // benchmarking
                    || (a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2))
                    || (a0 == 198 && a1 == 51 && a2 == 100)
                    || (a0 == 203 && a1 == 0 && a2 == 113);
            return nonPublic ? NON_PUBLIC : PUBLIC;
        }

        private static Kind ofV6(byte[] b) {
            if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0x80) {
                return LINK_LOCAL; // fe80::/10
            }
            if (Arrays.equals(b, METADATA_V6)) {
                return LINK_LOCAL; // AWS's fd00:ec2::254
            }
            if ((b[0] & 0xff) == 0xff || allZero(b, 0, 16)) {
                return UNROUTABLE; // multicast, ::
            }
            boolean globalUnicast = (b[0] & 0xe0) == 0x20;
            boolean documentation =
                    (b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8;
            return globalUnicast && !documentation ? PUBLIC : NON_PUBLIC; // ::1, fc00::/7 and the rest
        }
    }

    private static final byte[] METADATA_V6 = metadataV6();

    private static byte[] metadataV6() {
        try {
            return InetAddress.getByName("fd00:ec2::254").getAddress();
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** An address range; both families, host bits of the network ignored. */
    record Cidr(byte[] network, int prefix) {

        static Cidr parse(String entry) {
            int slash = entry.indexOf('/');
            String addressPart = slash < 0 ? entry : entry.substring(0, slash);
            InetAddress parsed = literal(addressPart);
            if (parsed == null) {
                throw invalid(entry);
            }
            int bits = addressPart.contains(":") ? 128 : 32; // ::ffff:a.b.c.d parses as IPv4
            int prefix;
            try {
                prefix = slash < 0 ? bits : Integer.parseInt(entry.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw invalid(entry);
            }
            if (prefix < 0 || prefix > bits) {
                throw invalid(entry);
            }
            InetAddress address = normalised(parsed);
            if (bits == 128 && address.getAddress().length == 4) {
                if (prefix < 96) {
                    throw invalid(entry); // an IPv4-in-IPv6 range must say which IPv4 addresses
                }
                prefix -= 96;
            }
            return new Cidr(address.getAddress(), prefix);
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((candidate[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
