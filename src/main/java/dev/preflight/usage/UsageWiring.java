package dev.preflight.usage;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Every request passes the usage recorder. */
@Configuration
class UsageWiring implements WebMvcConfigurer {

    private final UsageCounts counts;
    private final Optional<MeterRegistry> meters;

    UsageWiring(UsageCounts counts, Optional<MeterRegistry> meters) {
        this.counts = counts;
        this.meters = meters;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new UsageRecorder(counts, meters.orElse(null)));
    }
}
