package dev.preflight.web.api;

import dev.preflight.history.Execution;
import dev.preflight.history.ExecutionHistory;
import dev.preflight.history.ExecutionStatus;
import dev.preflight.history.LogLine;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * An execution's log as server-sent events, read from the database so that any node can serve
 * it: 'log' events as lines arrive, then one 'end' event with the final status.
 */
@Component
public class LogStreams {

    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration LIMIT = Duration.ofHours(2);

    private final ExecutionHistory history;

    LogStreams(ExecutionHistory history) {
        this.history = history;
    }

    public SseEmitter stream(UUID id) {
        SseEmitter emitter = new SseEmitter(LIMIT.toMillis());
        Thread.ofVirtual().name("log-" + id).start(() -> {
            int seen = 0;
            Instant deadline = Instant.now().plus(LIMIT);
            try {
                while (Instant.now().isBefore(deadline)) {
                    Execution execution = history.get(id);
                    for (LogLine line : history.log(id, seen)) {
                        emitter.send(SseEmitter.event()
                                .name("log")
                                .id(String.valueOf(line.seq()))
                                .data(line.at() + " " + line.level() + " " + line.message()));
                        seen = line.seq();
                    }
                    if (execution.status() != ExecutionStatus.RUNNING) {
                        emitter.send(SseEmitter.event()
                                .name("end")
                                .data(Map.of("status", execution.status().key())));
                        emitter.complete();
                        return;
                    }
                    Thread.sleep(POLL);
                }
                emitter.complete();
            } catch (IOException | IllegalStateException gone) {
                // the client went away
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                emitter.completeWithError(e);
            }
        });
        return emitter;
    }
}
