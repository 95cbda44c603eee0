package dev.preflight.push.web;

import dev.preflight.push.PushSettings;
import dev.preflight.security.Member;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * One's own push notifications: the devices that receive them, which messages, a test message.
 * A device is added by the page's script once the person pressed the button and the browser asked
 * them (iOS only asks after a tap, and only in the app added to the Home Screen).
 */
@Controller
class NotificationsController {

    private final PushSettings push;

    NotificationsController(PushSettings push) {
        this.push = push;
    }

    /** The browser's {@code PushSubscription.toJSON()}. */
    record SubscriptionJson(
            @Nullable String endpoint, @Nullable Keys keys) {
        record Keys(@Nullable String p256dh, @Nullable String auth) {}
    }

    @GetMapping("/account/notifications")
    String page(Authentication who, Model model) {
        Member member = Member.of(who);
        model.addAttribute("availability", push.availability());
        model.addAttribute("devices", push.devices(member.id()));
        model.addAttribute("choices", push.choices(member.id()));
        model.addAttribute("person", member.name());
        return "notifications";
    }

    @PostMapping("/account/notifications/devices")
    @ResponseBody
    ResponseEntity<?> register(
            Authentication who, @RequestBody SubscriptionJson subscription, HttpServletRequest request) {
        Member member = Member.of(who);
        try {
            UUID id = push.register(
                    member.id(),
                    member.name(),
                    subscription.endpoint(),
                    subscription.keys() == null ? null : subscription.keys().p256dh(),
                    subscription.keys() == null ? null : subscription.keys().auth(),
                    request.getHeader("User-Agent"));
            return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("id", id));
        } catch (PushSettings.Conflict e) {
            return ResponseEntity.status(HttpStatus.CONFLICT)
                    .body(ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage()));
        } catch (IllegalArgumentException e) {
            return ResponseEntity.badRequest()
                    .body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage()));
        } catch (IllegalStateException e) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage()));
        }
    }

    /** The page's script, as its person signs out on this browser: the subscription stops here. */
    @PostMapping("/account/notifications/devices/forget")
    @ResponseBody
    ResponseEntity<Void> forget(Authentication who, @RequestBody SubscriptionJson subscription) {
        push.forget(Member.of(who).id(), subscription.endpoint());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/account/notifications/devices/{id}/remove")
    String remove(Authentication who, @PathVariable String id, RedirectAttributes redirect) {
        UUID device;
        try {
            device = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no such device");
        }
        if (!push.remove(Member.of(who).id(), device)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no such device");
        }
        redirect.addFlashAttribute("done", "Device removed: it receives no more messages.");
        return "redirect:/account/notifications";
    }

    @PostMapping("/account/notifications/choices")
    String choose(
            Authentication who,
            @RequestParam(defaultValue = "false") boolean findings,
            @RequestParam(defaultValue = "false") boolean finished,
            @RequestParam(defaultValue = "false") boolean escalations,
            RedirectAttributes redirect) {
        push.choose(Member.of(who).id(), new PushSettings.Choices(findings, finished, escalations));
        redirect.addFlashAttribute("done", "Your choices are saved.");
        return "redirect:/account/notifications";
    }

    @PostMapping("/account/notifications/test")
    String test(Authentication who, RedirectAttributes redirect) {
        int devices = push.test(Member.of(who).id());
        redirect.addFlashAttribute(
                "done",
                devices == 0
                        ? "You have no device to send to: turn notifications on first."
                        : "A test message is on its way to " + devices + (devices == 1 ? " device." : " devices."));
        return "redirect:/account/notifications";
    }
}
