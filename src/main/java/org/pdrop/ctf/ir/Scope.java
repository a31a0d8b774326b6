package org.pdrop.ctf.ir;

/** The dynamic scopes of CTF 1.8 §7.3.2, in decoding order. */
public enum Scope {
    PACKET_HEADER("trace.packet.header"),
    PACKET_CONTEXT("stream.packet.context"),
    EVENT_HEADER("stream.event.header"),
    EVENT_COMMON_CONTEXT("stream.event.context"),
    EVENT_SPECIFIC_CONTEXT("event.context"),
    EVENT_PAYLOAD("event.fields");

    private final String prefix;

    Scope(String prefix) {
        this.prefix = prefix;
    }

    /** The TSDL prefix of absolute paths into this scope, e.g. {@code stream.event.context}. */
    public String prefix() {
        return prefix;
    }
}
