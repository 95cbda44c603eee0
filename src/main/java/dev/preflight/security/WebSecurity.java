package dev.preflight.security;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * The web's protection so far: every state-changing request made from a page carries a CSRF
 * token (forms get it from Thymeleaf, htmx from the page's meta tags). The JSON API is for
 * scripts without a browser session and is exempt; sign-in with roles (and API tokens) is the
 * next step, and until then the app is open to whoever reaches it, so it binds to loopback in
 * the demo.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class WebSecurity {

    /** Nobody signs in yet; declaring it stops Spring Boot from logging a generated password. */
    @Bean
    UserDetailsService nobody() {
        return new InMemoryUserDetailsManager();
    }

    @Bean
    SecurityFilterChain web(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.ignoringRequestMatchers(
                        PathPatternRequestMatcher.withDefaults().matcher("/api/**")))
                .headers(headers -> headers.frameOptions(frame -> frame.deny()))
                .build();
    }
}
