package org.pdrop.record;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * {@code --netem-loss PERCENT --dev IFACE [--force]}: emulate random packet loss on a device's
 * egress with a netem root qdisc while recording.
 *
 * @param percent in (0, 100]
 * @param force replace a non-default root qdisc (it is restored afterwards)
 */
public record LossRequest(BigDecimal percent, String device, boolean force) {
    /** Linux interface names: 1 to 15 bytes, no slash, no white space (dev_valid_name). */
    private static final Pattern DEVICE = Pattern.compile("[^/\\s:]{1,15}");

    public LossRequest {
        Objects.requireNonNull(percent, "percent");
        Objects.requireNonNull(device, "device");
        if (percent.signum() <= 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new IllegalArgumentException("loss must be more than 0% and at most 100%, got " + percent + "%");
        }
        if (!DEVICE.matcher(device).matches() || device.equals(".") || device.equals("..")) {
            throw new IllegalArgumentException("not a network interface name: '" + device + "'");
        }
    }

    /** Parses {@code 10%}, {@code 10}, {@code 0.5%}. */
    public static BigDecimal parsePercent(String text) {
        String s = text.strip();
        if (s.endsWith("%")) {
            s = s.substring(0, s.length() - 1);
        }
        if (!s.matches("\\d+(\\.\\d+)?")) {
            throw new IllegalArgumentException("expected a percentage such as 10% or 0.5%, got '" + text + "'");
        }
        return new BigDecimal(s);
    }

    /** The loss as netem takes it: {@code 10%}. */
    public String netemLoss() {
        return percent.stripTrailingZeros().toPlainString() + "%";
    }
}
