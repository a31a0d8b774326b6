package org.pdrop.ctf.decode;

import org.pdrop.ctf.ir.EventClass;

/** Compiled decoders of one event class: its specific context and payload (either may be null). */
public record EventDecoder(EventClass eventClass, FieldDecoder context, FieldDecoder payload) {}
