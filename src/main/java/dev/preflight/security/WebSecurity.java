package dev.preflight.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Deny by default: every path needs a signed-in person with a role, except the sign-in pages,
 * static assets and the health endpoint. {@code read} may look (GET), {@code readwrite} may also
 * change things; tools, the audit log, schedules and actuator need {@code readwrite}. Pages
 * redirect to sign-in; the API answers 401/403 as problem details. A request made with a session
 * needs its CSRF token; one made with an API token has no cookie to abuse and needs none.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class WebSecurity {

    static final String[] PUBLIC = {
        "/login",
        "/logged-out",
        "/access-denied",
        "/error",
        "/preflight.css",
        "/preflight.js",
        "/sw.js",
        "/manifest.webmanifest",
        "/favicon.ico",
        "/icons/**",
        "/webjars/**",
        "/actuator/health",
        "/actuator/health/**"
    };

    /** The release board's routes, public when PREFLIGHT_BOARD_PUBLIC=true. */
    static final java.util.regex.Pattern BOARD =
            java.util.regex.Pattern.compile("/board|/board/panel|/api/v1/releases/[^/]+/next");

    /** Pages and API routes that even a GET needs readwrite for. */
    static final String[] READWRITE_ONLY = {
        "/tools",
        "/tools/**",
        "/audit",
        "/audit/**",
        "/api/v1/audit",
        "/api/v1/audit/**",
        "/schedules",
        "/schedules/**",
        // the API as the tab: schedules are for readwrite, reading them included
        "/api/v1/schedules",
        "/api/v1/schedules/**",
        // custom checks name internal hosts and databases: readwrite, reading included
        "/checks/custom",
        "/checks/custom/**",
        "/api/v1/checks",
        "/api/v1/checks/**",
        // lifetimes and figures of the servers' cache
        "/cache",
        "/cache/**",
        "/api/v1/cache",
        "/api/v1/cache/**",
        // who uses what, and how the servers run
        "/statistics",
        "/statistics/**",
        "/actuator",
        "/actuator/**"
    };

    @Bean
    RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.fromHierarchy("ROLE_READWRITE > ROLE_READ");
    }

    @Bean
    FilterRegistrationBean<ClientAddresses> clientAddresses(
            SecurityProperties properties,
            @org.springframework.beans.factory.annotation.Value("${preflight.public-url:}") String publicUrl) {
        var registration = new FilterRegistrationBean<>(new ClientAddresses(
                new Networks(properties.trustedProxies()),
                publicUrl.isBlank() ? null : java.net.URI.create(publicUrl.strip())));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<Allowlist> allowlist(SecurityProperties properties) {
        var allowlist = properties.allowlist();
        var registration =
                new FilterRegistrationBean<>(new Allowlist(new Networks(allowlist.addresses()), allowlist.appliesTo()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        registration.setEnabled(!allowlist.addresses().isEmpty());
        return registration;
    }

    @Bean
    SignInThrottle signInThrottle(SecurityProperties properties, AuditLog audit) {
        return new SignInThrottle(properties.signInAttempts(), properties.signInWindow(), audit);
    }

    /** The throttle runs inside the security chain, not as a filter of its own. */
    @Bean
    FilterRegistrationBean<SignInThrottle> signInThrottleRegistration(SignInThrottle throttle) {
        var registration = new FilterRegistrationBean<>(throttle);
        registration.setEnabled(false);
        return registration;
    }

    @Bean
    SecurityFilterChain web(
            HttpSecurity http,
            SecurityProperties properties,
            OidcProperties oidc,
            ApiTokens tokens,
            LocalAccounts accounts,
            SignInThrottle throttle,
            AuditLog audit,
            Optional<Clock> clock,
            @org.springframework.beans.factory.annotation.Value("${preflight.board.public:false}") boolean boardPublic)
            throws Exception {
        RequestMatcher api = request -> pathOf(request).startsWith("/api/") || ApiTokenFilter.carriesToken(request);
        http.authorizeHttpRequests(requests -> requests
                        // an async dispatch (server-sent events) continues a request authorized when it began
                        .dispatcherTypeMatchers(DispatcherType.ASYNC)
                        .permitAll()
                        .requestMatchers(PUBLIC)
                        .permitAll()
                        // a public board: counts and verdicts for anyone (the board leaves names out)
                        .requestMatchers(request ->
                                boardPublic && BOARD.matcher(pathOf(request)).matches())
                        .permitAll()
                        .requestMatchers("/account", "/account/**")
                        .hasRole("READ")
                        // the people a problem names take it into account, whatever their role
                        .requestMatchers(
                                HttpMethod.POST,
                                "/problems/*/acknowledge",
                                "/problems/*/workaround",
                                "/api/v1/problems/*/acknowledge",
                                "/api/v1/problems/*/workaround")
                        .hasRole("READ")
                        .requestMatchers(READWRITE_ONLY)
                        .hasRole("READWRITE")
                        .requestMatchers(HttpMethod.GET, "/**")
                        .hasRole("READ")
                        .requestMatchers(HttpMethod.HEAD, "/**")
                        .hasRole("READ")
                        .anyRequest()
                        .hasRole("READWRITE"))
                // an anonymous visitor gets no session row: the page they asked for and the sign-in
                // form's CSRF token ride in HttpOnly cookies until they have signed in
                .csrf(csrf -> csrf.ignoringRequestMatchers(ApiTokenFilter::carriesToken)
                        .csrfTokenRepository(csrfCookie()))
                .requestCache(cache ->
                        cache.requestCache(new org.springframework.security.web.savedrequest.CookieRequestCache()))
                .exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(
                                (request, response, e) -> Problems.write(
                                        response, 401, "Sign-in required", "Send an API token as a Bearer token."),
                                api)
                        .defaultAuthenticationEntryPointFor(
                                new LoginUrlAuthenticationEntryPoint("/login"), AnyRequestMatcher.INSTANCE)
                        .accessDeniedHandler(new Denials(api, audit)))
                .sessionManagement(sessions -> sessions.sessionFixation(fixation -> fixation.changeSessionId()))
                .headers(headers -> headers.frameOptions(frame -> frame.deny())
                        .addHeaderWriter(contentPolicies(oidc))
                        .referrerPolicy(
                                referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .addFilterBefore(
                        new SecretsOnlyInBodies(),
                        org.springframework.security.web.context.SecurityContextHolderFilter.class)
                .addFilterBefore(
                        new BodyLimit(properties.bodyDeadline()),
                        org.springframework.security.web.context.SecurityContextHolderFilter.class)
                .addFilterBefore(new ApiTokenFilter(tokens), BasicAuthenticationFilter.class)
                .addFilterBefore(throttle, UsernamePasswordAuthenticationFilter.class)
                .addFilterBefore(
                        new SessionRules(
                                properties.session().absoluteTimeout(), accounts, clock.orElse(Clock.systemUTC())),
                        AuthorizationFilter.class)
                .addFilterAfter(new StartThrottle(properties.checksPerMinute(), audit), AuthorizationFilter.class);
        if (properties.local().enabled()) {
            http.formLogin(form -> form.loginPage("/login").failureUrl("/login?error"));
        }
        ProviderRegistration provider = oidc.enabled() ? new ProviderRegistration(oidc) : null;
        if (provider != null) {
            http.oauth2Login(login -> login.loginPage("/login")
                    .clientRegistrationRepository(provider)
                    .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(Pkce.resolver(provider)))
                    .userInfoEndpoint(user -> user.oidcUserService(new ProviderRoles(oidc.roles())))
                    .failureUrl("/login?providerError"));
        }
        http.logout(logout -> logout.logoutUrl("/logout")
                .logoutSuccessHandler(new SignOut(oidc, provider))
                .invalidateHttpSession(true)
                .clearAuthentication(true)
                .deleteCookies("SESSION", "JSESSIONID"));
        return http.build();
    }

    private static org.springframework.security.web.csrf.CookieCsrfTokenRepository csrfCookie() {
        var repository = new org.springframework.security.web.csrf.CookieCsrfTokenRepository();
        repository.setCookieCustomizer(cookie -> cookie.sameSite("Lax"));
        return repository;
    }

    /**
     * No inline script or style anywhere; forms may post only here, and to the provider when
     * signing out redirects there.
     */
    static String contentPolicy(OidcProperties oidc) {
        String formAction = "'self'";
        if (oidc.enabled()) {
            URI issuer = URI.create(oidc.issuerUri());
            formAction += " " + issuer.getScheme() + "://" + issuer.getAuthority();
        }
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self';"
                + " object-src 'none'; base-uri 'self'; form-action " + formAction + "; frame-ancestors 'none'";
    }

    /** Swagger UI (the API's documentation) sets inline styles; it alone may, and scripts stay strict there too. */
    static HeaderWriter contentPolicies(OidcProperties oidc) {
        RequestMatcher docs = request -> pathOf(request).startsWith("/api/docs/");
        var strict = new ContentSecurityPolicyHeaderWriter(contentPolicy(oidc));
        var swagger = new ContentSecurityPolicyHeaderWriter(
                contentPolicy(oidc).replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"));
        return (request, response) -> (docs.matches(request) ? swagger : strict).writeHeaders(request, response);
    }

    static String pathOf(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
