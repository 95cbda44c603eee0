package dev.preflight.notify;

import org.jspecify.annotations.Nullable;

/** Someone to notify: a mention when the directory knew their UPN, else shown by name. */
public record Recipient(String email, String name, @Nullable String upn) {}
