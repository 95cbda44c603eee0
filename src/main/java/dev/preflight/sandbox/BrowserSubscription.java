package dev.preflight.sandbox;

/**
 * A subscription the sandbox's push service made as a browser would: its endpoint and the keys a
 * browser sends the server ({@code PushSubscription.toJSON()}), base64url without padding.
 */
public record BrowserSubscription(String endpoint, String p256dh, String auth) {}
