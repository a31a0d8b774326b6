/**
 * A trace generator: writes LTTng-kernel-shaped CTF 1.8 traces of any size from a template trace,
 * for benchmarks and tests (issue #5).
 *
 * <p>The metadata is the template's, copied byte for byte. Packet headers, packet contexts and
 * event headers are encoded from the metadata's IR (roles, not names), by encoders that mirror the
 * reader's decoders ({@link org.pdrop.gen.BitWriter} is {@link org.pdrop.ctf.decode.BitReader}'s
 * inverse). Event bodies (stream event context, event context and payload) are raw bytes replayed
 * from the template's own events, which is valid only when nothing in them depends on where they
 * sit ({@link org.pdrop.gen.ReplayCheck}). The writer streams packet by packet, so memory does not
 * grow with the trace size.
 *
 * <p>{@link org.pdrop.gen.TraceGenerator} is the entry point ({@code pdrop generate}, a hidden
 * command). This package imports only {@code org.pdrop.ctf} and the JDK.
 */
package org.pdrop.gen;
