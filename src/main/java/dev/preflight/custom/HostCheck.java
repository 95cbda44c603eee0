package dev.preflight.custom;

/** The host rules of the setting {@code preflight.sources.allowed-hosts}, for any kind of source. */
@FunctionalInterface
public interface HostCheck {

    /** Resolves the host and refuses it, with a one-line reason, when a rule forbids it. */
    void require(String host) throws SourceFailure;
}
