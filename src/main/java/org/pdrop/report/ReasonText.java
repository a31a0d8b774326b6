package org.pdrop.report;

import org.pdrop.drops.Reason;

/** How text outputs show a reason: {@code 45 QDISC_DROP}, with flags for doubtful names. */
final class ReasonText {
    private ReasonText() {
    }

    /**
     * {@code VALUE NAME}, or {@code VALUE} when unnamed, then {@code ~} when the name is
     * approximate and {@code ?} when the value may be truncated; {@code -} for no reason field.
     */
    static String label(Reason r) {
        if (r == null) {
            return "-";
        }
        StringBuilder b = new StringBuilder().append(r.value());
        if (r.name() != null) {
            b.append(' ').append(r.name());
        }
        if (r.approximate()) {
            b.append(" ~");
        }
        if (r.truncated()) {
            b.append(" ?");
        }
        return b.toString();
    }
}
