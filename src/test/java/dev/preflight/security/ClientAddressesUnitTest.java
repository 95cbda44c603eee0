package dev.preflight.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class ClientAddressesUnitTest {

    private final ClientAddresses filter =
            new ClientAddresses(new Networks(List.of("192.168.0.0/16", "fd00::/8")), null);

    private HttpServletRequest seen(String remote) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
        request.setRemoteAddr(remote);
        request.addHeader("X-Forwarded-For", "10.1.2.3");
        request.addHeader("X-Forwarded-Proto", "https");
        AtomicReference<HttpServletRequest> downstream = new AtomicReference<>();
        filter.doFilter(request, new MockHttpServletResponse(), new MockFilterChain() {
            @Override
            public void doFilter(jakarta.servlet.ServletRequest r, jakarta.servlet.ServletResponse s) {
                downstream.set((HttpServletRequest) r);
            }
        });
        return downstream.get();
    }

    @Test
    void aTrustedProxyTellsTheClientAddressAndScheme() throws Exception {
        HttpServletRequest request = seen("192.168.1.10");

        assertThat(request.getRemoteAddr()).isEqualTo("10.1.2.3");
        assertThat(request.isSecure()).isTrue();
    }

    @Test
    void anyoneElseCannotPretend() throws Exception {
        HttpServletRequest request = seen("198.51.100.7");

        assertThat(request.getRemoteAddr()).isEqualTo("198.51.100.7");
        assertThat(request.isSecure()).isFalse();
        assertThat(request.getHeader("X-Forwarded-For")).isNull();
    }

    @Test
    void aBadNetworkIsOneClearLine() {
        assertThatThrownBy(() -> Networks.requireValid("10.0.0.0/99", "preflight.security.allowlist.addresses"))
                .hasMessage(
                        "preflight.security.allowlist.addresses: '10.0.0.0/99' is not an address or a CIDR network");
        assertThatThrownBy(() -> Networks.requireValid("intranet.example", "preflight.security.trusted-proxies"))
                .hasMessageContaining("'intranet.example' is not an address");
    }
}
