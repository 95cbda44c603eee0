package dev.preflight.packaging;

import dev.preflight.check.PackageVersion;
import dev.preflight.check.PackagingRelease;
import dev.preflight.check.ReleaseSnapshot.OutdatedWarning;
import dev.preflight.upstream.UpstreamException;
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

    /**
     * Creates the probe. When the answer is lost (dropped connection, time-out, garbled body, a
     * 5xx) the server may have created it all the same: it is looked up by its label and deleted
     * before one more try, so no probe is left behind and none is created twice.
     */
    private PackagingClient.CreatedChangeRequest create(
            String project, String release, String ticketKey, List<PackageVersion> packages) {
        String label = LABEL_PREFIX + "-" + UUID.randomUUID();
        try {
            return client.createChangeRequest(project, release, ticketKey, label, packages);
        } catch (UpstreamException e) {
            if (e.status() >= 400 && e.status() < 500) {
                throw e; // refused: nothing was created
            }
            log.info("probe creation got no clear answer ({}); looking it up by its label", e.getMessage());
            for (PackagingRelease.ChangeRequest created : client.changeRequests(project, release)) {
                if (created.label().equals(label)) {
                    client.deleteChangeRequest(created.id());
                }
            }
            return client.createChangeRequest(
                    project, release, ticketKey, LABEL_PREFIX + "-" + UUID.randomUUID(), packages);
        }
    }

    /**
     * A cancelled or stopped check still deletes its probe: the interrupt waits until it is gone.
     * One that lands during the deletion itself gets a second try.
     */
    private void delete(String id) {
        boolean interrupted = Thread.interrupted();
        try {
            client.deleteChangeRequest(id);
        } catch (UpstreamException e) {
            if (!Thread.interrupted()) {
                throw e;
            }
            interrupted = true;
            client.deleteChangeRequest(id);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public List<OutdatedWarning> outdated(String project, String release, PackagingRelease packaging) {
        Set<PackageVersion> packages = new LinkedHashSet<>();
        packaging.changeRequests().forEach(cr -> packages.addAll(cr.packages()));
        if (packages.isEmpty() || packaging.tickets().isEmpty()) {
            return List.of();
        }
        String ticketKey = packaging.tickets().getFirst().key();
        PackagingClient.CreatedChangeRequest probe = null;
        try {
            probe = create(project, release, ticketKey, List.copyOf(packages));
            List<OutdatedWarning> outdated = new ArrayList<>();
            for (PackagingClient.Warning warning : probe.warnings()) {
                if (warning.code().equals("OUTDATED") && warning.latest() != null) {
                    outdated.add(new OutdatedWarning(warning.packageName(), warning.version(), warning.latest()));
                }
            }
            return outdated;
        } finally {
            if (probe != null) {
                delete(probe.changeRequest().id());
            }
        }
    }
}
