package dev.preflight.push;

import org.springframework.stereotype.Service;

/**
 * What the notifications page needs from this module: whether push works here, the key a
 * browser subscribes with, and the person's devices and choices.
 */
@Service
public class PushSettings {

    private final VapidKeyring keys;
    private final Devices devices;
    private final PushOutbox outbox;
    private final PushProperties properties;

    PushSettings(VapidKeyring keys, Devices devices, PushOutbox outbox, PushProperties properties) {
        this.keys = keys;
        this.devices = devices;
        this.outbox = outbox;
        this.properties = properties;
    }

    /** The application server key (base64url) to subscribe with; null with the reason when push is off. */
    public Availability availability() {
        return switch (keys.state()) {
            case VapidKeyring.Ready ready -> new Availability(ready.applicationServerKey(), null);
            case VapidKeyring.Unavailable off -> new Availability(null, off.reason());
        };
    }

    public record Availability(
            @org.jspecify.annotations.Nullable String applicationServerKey,
            @org.jspecify.annotations.Nullable String reason) {}

    /** A device as its owner sees it. */
    public record Device(
            java.util.UUID id,
            String label,
            java.time.Instant createdAt,
            java.time.@org.jspecify.annotations.Nullable Instant lastSentAt,
            @org.jspecify.annotations.Nullable String lastError) {}

    /** Which messages a person wants; all of them until they say otherwise. */
    public record Choices(boolean findings, boolean finished, boolean escalations) {
        static final Choices ALL = new Choices(true, true, true);
    }

    /** The device is registered already, or being registered: a 409. */
    public static final class Conflict extends RuntimeException {
        Conflict(String message) {
            super(message);
        }
    }

    /** Signing out on this browser: its subscription stops receiving this person's messages. */
    public boolean forget(String memberId, @org.jspecify.annotations.Nullable String endpoint) {
        return endpoint != null && devices.forget(memberId, endpoint);
    }

    /** A removed account's devices go with it: its messages would tell a stranger. */
    @org.springframework.context.event.EventListener
    void on(dev.preflight.security.LocalAccounts.AccountWithdrawn withdrawn) {
        devices.withdraw(withdrawn.memberId());
    }

    /** Registers the browser's subscription for this person; one-line errors name the field. */
    public java.util.UUID register(
            String memberId,
            String name,
            @org.jspecify.annotations.Nullable String endpoint,
            @org.jspecify.annotations.Nullable String p256dh,
            @org.jspecify.annotations.Nullable String auth,
            @org.jspecify.annotations.Nullable String userAgent) {
        if (availability().applicationServerKey() == null) {
            throw new IllegalStateException("push messages are off on this server");
        }
        Subscription subscription = Subscription.of(endpoint, p256dh, auth, Subscription.PushServices.of(properties));
        return devices.register(memberId, name, subscription, DeviceLabel.of(userAgent));
    }

    public java.util.List<Device> devices(String memberId) {
        return devices.of(memberId);
    }

    public boolean remove(String memberId, java.util.UUID device) {
        return devices.remove(memberId, device);
    }

    public Choices choices(String memberId) {
        return devices.preferences(memberId);
    }

    public void choose(String memberId, Choices choices) {
        devices.choose(memberId, choices);
    }

    /** A message to each of the person's devices now, to see that they arrive. */
    public int test(String memberId) {
        var mine = devices.of(memberId);
        PushMessage hello = new PushMessage(
                MessageKind.FINISHED,
                "Preflight notifications work",
                "This device will show your findings, your checks' ends and SLA escalations.",
                "/account/notifications",
                "test",
                PushMessage.Urgency.NORMAL);
        mine.forEach(d -> outbox.queue(d.id(), hello));
        return mine.size();
    }
}
