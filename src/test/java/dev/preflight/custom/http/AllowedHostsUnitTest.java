package dev.preflight.custom.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.preflight.custom.SourceFailure;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AllowedHostsUnitTest {

    /** Resolves the names of the map, as the system resolver would (or a hostile DNS). */
    private static AllowedHosts.Resolver fake(Map<String, String> addresses) {
        return host -> {
            String value = addresses.getOrDefault(host, addresses.get(host.toLowerCase(java.util.Locale.ROOT)));
            if (value == null) {
                throw new UnknownHostException(host);
            }
            return Arrays.stream(value.split(","))
                    .map(AllowedHostsUnitTest::address)
                    .toArray(InetAddress[]::new);
        };
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static final AllowedHosts.Resolver NO_DNS = host -> {
        throw new AssertionError("no resolution expected for " + host);
    };

    @Test
    void loopbackLiteralIsRefusedUnlessItsCidrIsAllowed() throws SourceFailure {
        assertThatThrownBy(() -> new AllowedHosts(List.of("example.com"), NO_DNS).require("127.0.0.1"))
                .isInstanceOf(SourceFailure.class)
                .hasMessage("host 127.0.0.1 is not in preflight.sources.allowed-hosts");
        assertThat(new AllowedHosts(List.of("127.0.0.1/32"), NO_DNS).checkedAddresses("127.0.0.1"))
                .containsExactly(address("127.0.0.1"));
    }

    @Test
    void emptyListAllowsNothing() {
        AllowedHosts none = new AllowedHosts(List.of(), fake(Map.of("example.com", "93.184.216.34")));
        assertThatThrownBy(() -> none.require("example.com"))
                .hasMessage("host example.com is not in preflight.sources.allowed-hosts");
        assertThatThrownBy(() -> none.require("93.184.216.34"))
                .hasMessage("host 93.184.216.34 is not in preflight.sources.allowed-hosts");
    }

    @Test
    void listedNameResolvingToAPrivateAddressNeedsThatCidr() throws SourceFailure {
        AllowedHosts.Resolver dns = fake(Map.of("intranet.example.com", "10.1.2.3"));
        assertThatThrownBy(() -> new AllowedHosts(List.of("intranet.example.com"), dns).require("intranet.example.com"))
                .hasMessage("host intranet.example.com resolves to 10.1.2.3, a non-public address not in"
                        + " preflight.sources.allowed-hosts");
        assertThat(new AllowedHosts(List.of("intranet.example.com", "10.0.0.0/8"), dns)
                        .checkedAddresses("intranet.example.com"))
                .containsExactly(address("10.1.2.3"));
    }

    @Test
    void unlistedNameIsAllowedWhenAllItsAddressesAreInACidr() throws SourceFailure {
        AllowedHosts.Resolver dns = fake(Map.of("db.internal", "10.1.2.3", "mixed.internal", "10.1.2.3,93.184.216.34"));
        AllowedHosts hosts = new AllowedHosts(List.of("10.0.0.0/8"), dns);
        assertThat(hosts.checkedAddresses("db.internal")).containsExactly(address("10.1.2.3"));
        assertThatThrownBy(() -> hosts.require("mixed.internal"))
                .hasMessage("host mixed.internal is not in preflight.sources.allowed-hosts");
    }

    @Test
    void onlyThePassingAddressesOfANameAreKept() throws SourceFailure {
        AllowedHosts.Resolver dns = fake(Map.of("api.example.com", "169.254.169.254,10.0.0.1,93.184.216.34"));
        assertThat(new AllowedHosts(List.of("api.example.com"), dns).checkedAddresses("api.example.com"))
                .containsExactly(address("93.184.216.34"));
    }

    @Test
    void metadataAndLinkLocalAreRefusedEvenWhenEverythingIsAllowed() {
        AllowedHosts everything = new AllowedHosts(
                List.of("0.0.0.0/0", "::/0", "metadata.example.com"),
                fake(Map.of("metadata.example.com", "169.254.169.254")));
        for (String host : List.of(
                "169.254.169.254",
                "169.254.1.1",
                "100.100.100.200",
                "[fd00:ec2::254]",
                "[fe80::1]",
                "[::ffff:169.254.169.254]")) {
            assertThatThrownBy(() -> everything.require(host))
                    .as(host)
                    .hasMessage("host " + host + " is refused: link-local and metadata addresses are never allowed");
        }
        for (String host : List.of("0.0.0.0", "[::]", "224.0.0.1", "255.255.255.255", "[ff02::1]")) {
            assertThatThrownBy(() -> everything.require(host))
                    .as(host)
                    .hasMessageEndingWith(
                            "is refused: unspecified, multicast and broadcast addresses are never allowed");
        }
        assertThatThrownBy(() -> everything.require("metadata.example.com"))
                .hasMessage("host metadata.example.com resolves to 169.254.169.254, which is refused: link-local and"
                        + " metadata addresses are never allowed");
    }

    @Test
    void ipv6LoopbackLiteralInBrackets() throws SourceFailure {
        assertThatThrownBy(() -> new AllowedHosts(List.of("127.0.0.1/32"), NO_DNS).require("[::1]"))
                .hasMessage("host [::1] is not in preflight.sources.allowed-hosts");
        assertThat(new AllowedHosts(List.of("::1/128"), NO_DNS).checkedAddresses("[::1]"))
                .containsExactly(address("::1"));
        assertThat(new AllowedHosts(List.of("::1/128"), NO_DNS).checkedAddresses("::1"))
                .containsExactly(address("::1"));
    }

    @Test
    void ipv4InIpv6IsJudgedAsIpv4() throws SourceFailure {
        AllowedHosts ipv6Only = new AllowedHosts(List.of("::/0"), NO_DNS);
        for (String host : List.of("[::ffff:127.0.0.1]", "[::127.0.0.1]", "[64:ff9b::7f00:1]", "[::ffff:7f00:1]")) {
            assertThatThrownBy(() -> ipv6Only.require(host))
                    .as(host)
                    .hasMessage("host " + host + " is not in preflight.sources.allowed-hosts");
        }
        assertThat(new AllowedHosts(List.of("127.0.0.1/32"), NO_DNS).checkedAddresses("[::ffff:127.0.0.1]"))
                .containsExactly(address("127.0.0.1"));
        assertThat(new AllowedHosts(List.of("::ffff:127.0.0.0/104"), NO_DNS).checkedAddresses("127.0.0.1"))
                .containsExactly(address("127.0.0.1"));
    }

    @Test
    void obfuscatedLoopbackNamesAreJudgedByWhatTheyResolveTo() throws SourceFailure {
        AllowedHosts.Resolver dns =
                fake(Map.of("2130706433", "127.0.0.1", "0177.0.0.1", "127.0.0.1", "0x7f.1", "127.0.0.1"));
        AllowedHosts publicOnly = new AllowedHosts(List.of("*.example.com", "2130706433"), dns);
        assertThatThrownBy(() -> publicOnly.require("0177.0.0.1"))
                .hasMessage("host 0177.0.0.1 is not in preflight.sources.allowed-hosts");
        assertThatThrownBy(() -> publicOnly.require("0x7f.1"))
                .hasMessage("host 0x7f.1 is not in preflight.sources.allowed-hosts");
        assertThatThrownBy(() -> publicOnly.require("2130706433")) // listed as a name, still loopback
                .hasMessage("host 2130706433 resolves to 127.0.0.1, a non-public address not in"
                        + " preflight.sources.allowed-hosts");
        assertThat(new AllowedHosts(List.of("127.0.0.1/32"), dns).checkedAddresses("2130706433"))
                .containsExactly(address("127.0.0.1"));
    }

    @Test
    void obfuscatedLoopbackNamesWithTheSystemResolver() throws SourceFailure {
        AllowedHosts publicOnly = new AllowedHosts(List.of("*.example.com"));
        for (String host : List.of("2130706433", "0177.0.0.1", "0x7f.1", "127.1", "localhost")) {
            // refused whether the system maps them to 127.0.0.1 or cannot resolve them
            assertThatThrownBy(() -> publicOnly.require(host)).as(host).isInstanceOf(SourceFailure.class);
        }
        AllowedHosts loopback = new AllowedHosts(List.of("127.0.0.0/8", "::1/128"));
        assertThat(loopback.checkedAddresses("localhost")).allMatch(InetAddress::isLoopbackAddress);
        assertThat(loopback.checkedAddresses("2130706433")).containsExactly(address("127.0.0.1"));
    }

    @Test
    void domainPatternMatchesSubdomainsOnly() throws SourceFailure {
        AllowedHosts.Resolver dns = fake(Map.of(
                "a.example.com", "93.184.216.34",
                "b.a.example.com", "93.184.216.34",
                "example.com", "93.184.216.34",
                "badexample.com", "93.184.216.34"));
        AllowedHosts hosts = new AllowedHosts(List.of("*.Example.com"), dns);
        assertThatCode(() -> hosts.require("a.example.com")).doesNotThrowAnyException();
        assertThatCode(() -> hosts.require("B.A.example.COM")).doesNotThrowAnyException();
        assertThatThrownBy(() -> hosts.require("example.com"))
                .hasMessage("host example.com is not in preflight.sources.allowed-hosts");
        assertThatThrownBy(() -> hosts.require("badexample.com"))
                .hasMessage("host badexample.com is not in preflight.sources.allowed-hosts");
    }

    @Test
    void exactNamesIgnoreCaseAndTrailingDot() {
        AllowedHosts hosts = new AllowedHosts(
                List.of("API.example.com"),
                fake(Map.of("api.example.com", "93.184.216.34", "Api.Example.com.", "93.184.216.34")));
        assertThatCode(() -> hosts.require("api.example.com")).doesNotThrowAnyException();
        assertThatCode(() -> hosts.require("Api.Example.com.")).doesNotThrowAnyException();
    }

    @Test
    void unresolvableAndMalformedHostsAreOneLineFailures() {
        AllowedHosts hosts = new AllowedHosts(List.of("0.0.0.0/0"), fake(Map.of()));
        assertThatThrownBy(() -> hosts.require("nowhere.example"))
                .hasMessage("host nowhere.example could not be resolved");
        assertThatThrownBy(() -> hosts.require("bad host\nname"))
                .hasMessage("host bad host name is not a valid host name");
        assertThatThrownBy(() -> hosts.require("[1:2:3]")).hasMessage("host [1:2:3] is not a valid address");
    }

    @Test
    void invalidEntriesAreNamed() {
        for (String entry :
                List.of("*", "*.", "exa mple.com", "10.0.0.0/33", "::1/129", "10.0.0.0/x", "http://x", "1.2.3/8")) {
            assertThatThrownBy(() -> new AllowedHosts(List.of("example.com", entry)))
                    .as(entry)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("preflight.sources.allowed-hosts: '" + entry
                            + "' is not a host name, *.domain pattern or CIDR");
        }
    }

    @Test
    void blankEntriesAndBareAddressesAreAccepted() throws SourceFailure {
        AllowedHosts hosts = new AllowedHosts(List.of(" ", "10.1.2.3", ""), NO_DNS);
        assertThat(hosts.checkedAddresses("10.1.2.3")).containsExactly(address("10.1.2.3"));
        assertThatThrownBy(() -> hosts.require("10.1.2.4")).isInstanceOf(SourceFailure.class);
    }
}
