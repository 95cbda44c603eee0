package dev.preflight.web.api;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.preflight.notify.ThreadLink;
import dev.preflight.report.CheckRequest;
import java.util.EnumSet;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Any JSON body of the API's start and schedule routes becomes a request or a 400: Jackson's own
 * errors and IllegalArgumentException are what the API answers with problem details; anything
 * else would be a 500. Fuzzes on demand with {@code JAZZER_FUZZ=1 ./mvnw test -Dtest=ApiInputFuzzTest -Djazzer.hooks=true}.
 */
class ApiInputFuzzTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @FuzzTest(maxDuration = "60s")
    void anyStartBodyIsARequestOrABadRequest(byte[] body) {
        try {
            ExecutionsApi.StartCheck start = JSON.readValue(body, ExecutionsApi.StartCheck.class);
            if (start == null) {
                return;
            }
            EnumSet<CheckRequest.Step> skipped = EnumSet.noneOf(CheckRequest.Step.class);
            if (start.skip() != null) {
                start.skip().forEach(step -> skipped.add(CheckRequest.Step.fromName(String.valueOf(step))));
            }
            new CheckRequest(start.project(), start.release(), skipped);
            if (start.thread() != null && !start.thread().isBlank()) {
                ThreadLink.parse(start.thread());
            }
        } catch (JacksonException | IllegalArgumentException answeredWith400) {
            // the API's 400
        }
    }

    @FuzzTest(maxDuration = "60s")
    void anyScheduleBodyParsesOrIsABadRequest(byte[] body) {
        try {
            SchedulesApi.NewSchedule schedule = JSON.readValue(body, SchedulesApi.NewSchedule.class);
            if (schedule != null && schedule.project() != null) {
                CheckRequest.requireProject(schedule.project());
                CheckRequest.requireRelease(schedule.release());
            }
        } catch (JacksonException | IllegalArgumentException answeredWith400) {
            // the API's 400
        }
    }
}
