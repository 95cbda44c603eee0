package dev.preflight.packaging;

import dev.preflight.check.PackageVersion;
import dev.preflight.check.PackagingRelease;
import dev.preflight.check.ReleaseSnapshot.OutdatedWarning;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server reveals outdated packages only in the warnings of a new change request: create one
 * probe carrying every package of the release, read its warnings, and always delete it.
 */
public final class OutdatedPackageProbe {

    public static final String LABEL_PREFIX = "preflight-probe";

    private static final Logger log = LoggerFactory.getLogger(OutdatedPackageProbe.class);

    private final PackagingClient client;

    public OutdatedPackageProbe(PackagingClient client) {
        this.client = client;
    }

    public static boolean isProbe(PackagingRelease.ChangeRequest changeRequest) {
        return changeRequest.label().startsWith(LABEL_PREFIX);
    }

    /** Deletes probes that a crashed run left behind; returns how many. */
    public int deleteOrphans(List<PackagingRelease.ChangeRequest> changeRequests) {
        int deleted = 0;
        for (PackagingRelease.ChangeRequest changeRequest : changeRequests) {
            if (isProbe(changeRequest)) {
                client.deleteChangeRequest(changeRequest.id());
                log.info("deleted probe change request {} left behind by an earlier run", changeRequest.id());
                deleted++;
            }
        }
        return deleted;
    }

    public List<OutdatedWarning> outdated(String project, String release, PackagingRelease packaging) {
        Set<PackageVersion> packages = new LinkedHashSet<>();
        packaging.changeRequests().forEach(cr -> packages.addAll(cr.packages()));
        if (packages.isEmpty() || packaging.tickets().isEmpty()) {
            return List.of();
        }
        String label = LABEL_PREFIX + "-" + UUID.randomUUID();
        String ticketKey = packaging.tickets().getFirst().key();
        PackagingClient.CreatedChangeRequest probe = null;
        try {
            probe = client.createChangeRequest(project, release, ticketKey, label, List.copyOf(packages));
            List<OutdatedWarning> outdated = new ArrayList<>();
            for (PackagingClient.Warning warning : probe.warnings()) {
                if (warning.code().equals("OUTDATED") && warning.latest() != null) {
                    outdated.add(new OutdatedWarning(warning.packageName(), warning.version(), warning.latest()));
                }
            }
            return outdated;
        } finally {
            if (probe != null) {
                // a cancelled check still deletes its probe: the interrupt waits until it is gone
                boolean interrupted = Thread.interrupted();
                try {
                    client.deleteChangeRequest(probe.changeRequest().id());
                } finally {
                    if (interrupted) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        }
    }
}
