package dev.preflight.web.api;

import dev.preflight.custom.CheckDefinitions;
import dev.preflight.custom.CustomChecks;
import dev.preflight.custom.DefinitionException;
import dev.preflight.custom.DefinitionVersion;
import dev.preflight.report.CheckRequest;
import dev.preflight.report.ReleaseReporter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Custom check definitions over JSON: read, validate, save (versioned), revert, and try one before saving. */
@RestController
@RequestMapping(path = "/api/v1/checks", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Custom checks", description = "Definitions in the preflight-checks/1 format, versioned")
class ChecksApi {

    private final CustomChecks checks;
    private final ReleaseReporter reporter;

    ChecksApi(CustomChecks checks, ReleaseReporter reporter) {
        this.checks = checks;
        this.reporter = reporter;
    }

    /** The document (YAML or JSON text) and, for a save, a note on the change. */
    record Document(String document, @Nullable String change) {}

    record CheckSummary(String name, String label, String scope, String severity, String source) {}

    record SourceSummary(String name, String kind) {}

    record Definitions(
            int version,
            @Nullable String changedBy,
            @Nullable Instant changedAt,
            @Nullable String change,
            String document,
            List<SourceSummary> sources,
            List<CheckSummary> checks) {}

    record VersionSummary(int version, String changedBy, Instant changedAt, String change) {}

    /** A try of one check: {@code document} defaults to the definitions in force, {@code release} to the next. */
    record TryRequest(
            @Nullable String document,
            String check,
            String project,
            @Nullable String release) {}

    @GetMapping
    @Operation(summary = "The definitions in force (version 0 and an empty document before the first save)")
    Definitions current() {
        return checks.currentVersion().map(this::view).orElseGet(() -> view(null));
    }

    @PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Replace the definitions, all or nothing: 400 names the first error by its path")
    Definitions save(@RequestBody Document body, Principal principal, HttpServletRequest http) {
        String document = requireDocument(body.document());
        DefinitionVersion version =
                checks.save(document, principal.getName(), DefinitionVersion.note(body.change(), "API"));
        dev.preflight.security.Audit.target(http, "version " + version.version());
        return view(version);
    }

    @PostMapping(path = "/validate", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Validate a document without saving it")
    List<CheckSummary> validate(@RequestBody Document body) {
        return summaries(checks.validate(requireDocument(body.document())));
    }

    @GetMapping("/versions")
    @Operation(summary = "Every version, newest first: who changed what, when")
    List<VersionSummary> versions() {
        return checks.history().stream()
                .map(v -> new VersionSummary(v.version(), v.changedBy(), v.changedAt(), v.change()))
                .toList();
    }

    @GetMapping("/versions/{version}")
    @Operation(summary = "One version's document")
    Definitions version(@PathVariable int version) {
        return view(checks.version(version).orElseThrow(() -> new NoSuchElementException("no version " + version)));
    }

    @PostMapping("/versions/{version}/revert")
    @Operation(summary = "Put an earlier version back in force, as a new version")
    Definitions revert(@PathVariable int version, Principal principal, HttpServletRequest http) {
        dev.preflight.security.Audit.target(http, "version " + version);
        if (checks.version(version).isEmpty()) {
            throw new NoSuchElementException("no version " + version);
        }
        return view(checks.revert(version, principal.getName()));
    }

    @PostMapping(path = "/try", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary =
                    "Run one check against a release: the source's answer size and time, the facts, the findings; nothing stored")
    TriedView tryCheck(@RequestBody TryRequest body) {
        if (body.check() == null || body.project() == null) {
            throw new IllegalArgumentException("check and project are required");
        }
        String project = CheckRequest.requireProject(body.project());
        String release =
                body.release() == null || body.release().isBlank() ? null : CheckRequest.requireRelease(body.release());
        String document = body.document() != null
                ? requireDocument(body.document())
                : checks.currentVersion()
                        .map(DefinitionVersion::document)
                        .orElseThrow(() -> new IllegalArgumentException("document: no custom checks saved yet"));
        CustomChecks.Result result = reporter.tryCustom(checks.trial(document, body.check()), project, release);
        return TriedView.of(result);
    }

    /** The problem names the path of the first error, for a client to point at it. */
    @ExceptionHandler(DefinitionException.class)
    ProblemDetail invalid(DefinitionException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid definitions");
        problem.setProperty("path", e.path());
        return problem;
    }

    private static String requireDocument(@Nullable String document) {
        if (document == null || document.isBlank()) {
            throw new IllegalArgumentException("document: required (the definitions as YAML or JSON text)");
        }
        return document;
    }

    private Definitions view(@Nullable DefinitionVersion version) {
        if (version == null) {
            return new Definitions(0, null, null, null, "", List.of(), List.of());
        }
        CheckDefinitions definitions = checks.read(version);
        return new Definitions(
                version.version(),
                version.changedBy(),
                version.changedAt(),
                version.change(),
                version.document(),
                definitions.sources().stream()
                        .map(s -> new SourceSummary(s.name(), s.kind().name().toLowerCase(java.util.Locale.ROOT)))
                        .toList(),
                summaries(definitions));
    }

    private static List<CheckSummary> summaries(CheckDefinitions definitions) {
        return definitions.checks().stream()
                .map(c -> new CheckSummary(
                        c.name(),
                        c.label(),
                        c.scope().name().toLowerCase(java.util.Locale.ROOT),
                        c.severity().key(),
                        c.source()))
                .toList();
    }
}
