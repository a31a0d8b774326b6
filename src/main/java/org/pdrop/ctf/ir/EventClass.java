package org.pdrop.ctf.ir;

/**
 * An {@code event} block (CTF 1.8 §6): its id within its stream class, name, optional specific
 * context and payload (either may be null when absent).
 *
 * @param logLevel      the {@code loglevel} attribute, or null
 * @param modelEmfUri   the {@code model.emf.uri} attribute, or null
 */
public record EventClass(long id, String name, long streamClassId, Long logLevel, String modelEmfUri,
                         StructType context, StructType payload) {}
