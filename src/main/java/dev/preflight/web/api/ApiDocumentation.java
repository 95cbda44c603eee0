package dev.preflight.web.api;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description's header: what the API is and how a script signs in (a personal API token). */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(
        info =
                @Info(
                        title = "Preflight API",
                        version = "v1",
                        description = "Release checks, their history and schedules. Send a personal API token"
                                + " (Account page) as a Bearer token; GET needs the read role, everything else"
                                + " readwrite."),
        security = @SecurityRequirement(name = "token"))
@SecurityScheme(name = "token", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "pft_...")
class ApiDocumentation {}
