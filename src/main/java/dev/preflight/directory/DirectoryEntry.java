package dev.preflight.directory;

/** A person in the directory. */
public record DirectoryEntry(String mail, String userPrincipalName, String displayName) {}
