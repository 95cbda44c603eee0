package dev.preflight.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page's frame shows: whether the outside world is the sandbox's simulation. */
@ControllerAdvice
class PageFrame {

    private final boolean sandbox;

    // the sandbox sets its own Teams sink: its presence means Jira, the packaging server and the rest are simulated
    PageFrame(@Value("${preflight.teams.sandbox-webhook-url:}") String sandboxWebhook) {
        this.sandbox = !sandboxWebhook.isBlank();
    }

    @ModelAttribute("sandbox")
    boolean sandbox() {
        return sandbox;
    }
}
