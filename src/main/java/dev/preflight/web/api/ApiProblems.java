package dev.preflight.web.api;

import dev.preflight.history.ExecutionExport;
import dev.preflight.report.CheckFailedException;
import dev.preflight.upstream.UpstreamException;
import java.util.NoSuchElementException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Failures of the API as RFC 9457 problem details with one clear sentence. */
// the board's API lives in its module: named by package, its class being its own
@RestControllerAdvice(
        assignableTypes = {ExecutionsApi.class, SchedulesApi.class, ChecksApi.class, CacheApi.class},
        basePackages = {"dev.preflight.board.web", "dev.preflight.sla.web.api"})
class ApiProblems {

    @ExceptionHandler(NoSuchElementException.class)
    ProblemDetail notFound(NoSuchElementException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
    }

    @ExceptionHandler({IllegalArgumentException.class, CheckFailedException.class, ExecutionExport.ImportException.class
    })
    ProblemDetail badRequest(RuntimeException e) {
        return problem(HttpStatus.BAD_REQUEST, "Bad request", e.getMessage());
    }

    @ExceptionHandler(IllegalStateException.class)
    ProblemDetail conflict(IllegalStateException e) {
        return problem(HttpStatus.CONFLICT, "Conflict", e.getMessage());
    }

    @ExceptionHandler(UpstreamException.class)
    ProblemDetail upstream(UpstreamException e) {
        // Jira's answer to an unknown project or release is the caller's mistake
        HttpStatus status = e.status() == 400 || e.status() == 404 ? HttpStatus.BAD_REQUEST : HttpStatus.BAD_GATEWAY;
        return problem(status, status == HttpStatus.BAD_REQUEST ? "Bad request" : "Upstream failed", e.getMessage());
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
