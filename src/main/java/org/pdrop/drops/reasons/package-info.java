/**
 * Names for the {@code reason} value of {@code skb_kfree} events.
 *
 * <p>The kernel's {@code enum skb_drop_reason} is not a stable ABI: its numbering changes between
 * kernel releases (5.17 starts at {@code NOT_SPECIFIED = 0}, 6.0/6.1 at {@code NOT_DROPPED_YET = 0,
 * NOT_SPECIFIED = 1}, later kernels (6.12, 7.x) insert {@code CONSUMED = 1}, and reasons are
 * inserted in the middle).
 * LTTng names only a handful of them in the trace metadata and stores the value in 8 bits. This
 * package turns a recorded number into a name, using in order: the traced kernel's own tracepoint
 * format file, a table shipped with pdrop for the traced kernel's release line, the trace's own
 * enum labels, and finally the bare number. See {@link org.pdrop.drops.reasons.ReasonNamer}.
 *
 * <p>The package uses the JDK only and no other pdrop package.
 */
package org.pdrop.drops.reasons;
