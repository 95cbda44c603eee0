package dev.preflight.continuity.web;

import dev.preflight.continuity.DatabaseMode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * A write that was under way when the primary went (before this node knew) fails as the refusal
 * it is: 503 with Retry-After, not a 500. Any other database failure answers as it did.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class NoPrimaryAnswers {

    private final DatabaseMode mode;

    NoPrimaryAnswers(DatabaseMode mode) {
        this.mode = mode;
    }

    private static final String RETRIED = NoPrimaryAnswers.class.getName() + ".retried";

    @ExceptionHandler({
        DataAccessException.class,
        org.springframework.transaction.TransactionException.class,
        java.sql.SQLException.class
    })
    Object noPrimary(Exception e, HttpServletRequest request, HttpServletResponse response) throws Exception {
        boolean lost = dev.preflight.continuity.ConnectionLoss.lostPrimary(e)
                // a commit that lost its server surfaces as the rollback tried next on the closed
                // connection, which carries no SQL state; by then this node knows it has no primary
                || (e instanceof org.springframework.transaction.TransactionSystemException && mode.readOnly());
        if (!lost) {
            throw e; // any other failure (a 404, a conflict) answers as it does with a primary
        }
        mode.noPrimary(java.time.Instant.now());
        // a read lost its primary mid-way: it is safe to read again, from a replica, once
        if (("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()))
                && !response.isCommitted()
                && request.getAttribute(RETRIED) == null) {
            request.setAttribute(RETRIED, true);
            response.resetBuffer();
            String query = request.getQueryString();
            String path =
                    request.getRequestURI().substring(request.getContextPath().length());
            request.getRequestDispatcher(path + (query == null ? "" : "?" + query))
                    .forward(request, response);
            return null;
        }
        // the write's outcome is not known when the connection went during its commit: say so
        String detail = "the database lost its primary while this request ran: it may not have been made;"
                + " check, then try again shortly";
        response.setHeader("Retry-After", String.valueOf(ReadOnlyRequests.RETRY_AFTER_SECONDS));
        if (request.getRequestURI().startsWith("/api/")) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
            problem.setTitle("Read-only");
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(problem);
        }
        ModelAndView page = new ModelAndView("error", HttpStatus.SERVICE_UNAVAILABLE);
        page.addObject("title", "Read-only for now");
        page.addObject("message", detail);
        return page;
    }
}
