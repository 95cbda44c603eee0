package dev.preflight.security;

import org.apache.catalina.Host;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Requests Tomcat refuses before Spring sees them (a malformed header line, an illegal character
 * in the path) get Tomcat's own error page: this gives it the security headers of every other
 * page, and no server version or stack trace.
 */
@Component
class TomcatErrorPages implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        // the host creates its error valve by class name when it starts, after this runs
        factory.addContextCustomizers(context -> ((org.apache.catalina.core.StandardHost) (Host) context.getParent())
                .setErrorReportValveClass(Valve.class.getName()));
    }

    /** Public with a public constructor: Tomcat instantiates it by name. */
    public static final class Valve extends ErrorReportValve {

        public Valve() {
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(Request request, Response response, @Nullable Throwable throwable) {
            if (!response.isCommitted()) {
                response.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
                response.setHeader("X-Content-Type-Options", "nosniff");
                response.setHeader("X-Frame-Options", "DENY");
                response.setHeader("Referrer-Policy", "same-origin");
                response.setHeader("Cache-Control", "no-store");
            }
            super.report(request, response, throwable);
        }
    }
}
