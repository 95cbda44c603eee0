package dev.preflight.security;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/** The audit log for release managers (readwrite): a page, and JSON for export and scripts. */
@Controller
class AuditController {

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/audit")
    String page(
            @RequestParam(required = false) @Nullable String actor,
            @RequestParam(required = false) @Nullable String action,
            Model model) {
        model.addAttribute("events", audit.recent(actor, action, 500));
        model.addAttribute("actor", actor);
        model.addAttribute("action", action);
        return "audit";
    }

    @GetMapping(path = "/api/v1/audit", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ResponseEntity<List<AuditLog.Event>> export(
            @RequestParam(required = false) @Nullable String actor,
            @RequestParam(required = false) @Nullable String action,
            @RequestParam(defaultValue = "10000") int limit,
            @RequestParam(defaultValue = "false") boolean download) {
        var response = ResponseEntity.ok();
        if (download) {
            response.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"preflight-audit.json\"");
        }
        return response.body(audit.recent(actor, action, limit));
    }
}
