package dev.preflight.web;

import java.util.NoSuchElementException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.ModelAndView;

/** Pages for what went wrong: a missing execution is a 404 page that says so, bad input a 400. */
@ControllerAdvice(
        assignableTypes = {
            ExecutionsController.class,
            ReleaseCheckController.class,
            LatestReleaseController.class,
            ToolsController.class,
            CustomChecksController.class
        },
        // the problem pages of the sla module: an unknown problem is a page that says so
        basePackages = "dev.preflight.sla.web")
class PageErrors {

    @ExceptionHandler(NoSuchElementException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    ModelAndView notFound(NoSuchElementException e) {
        return page("Not found", e.getMessage());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    ModelAndView badRequest(IllegalArgumentException e) {
        return page("Bad request", e.getMessage());
    }

    private static ModelAndView page(String title, String message) {
        ModelAndView view = new ModelAndView("error");
        view.addObject("title", title);
        view.addObject("message", message);
        return view;
    }
}
