package org.pdrop.drops.reasons;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The release line (major.minor) of a kernel, read from a kernel release string such as the
 * trace's {@code kernel_release} ({@code 6.1.0-56-amd64}, {@code 5.15.0-91-generic},
 * {@code 4.18.0-477.el8_8.x86_64}, {@code 7.3.4+deb13-amd64}, {@code 6.8-rc4}).
 *
 * <p>Drop-reason tables are keyed by release line: point releases of one line normally share
 * the numbering (stable backports that append a reason are the rare exception).
 *
 * @param major the major version (6 in 6.1.0-56-amd64)
 * @param minor the minor version (1 in 6.1.0-56-amd64)
 * @param text  the string it was read from
 */
public record KernelRelease(int major, int minor, String text) implements Comparable<KernelRelease> {

    private static final Pattern LINE = Pattern.compile("^[vV]?(\\d{1,4})\\.(\\d{1,4})(?!\\d)");

    public KernelRelease {
        if (major < 0 || minor < 0) {
            throw new IllegalArgumentException("negative version " + major + "." + minor);
        }
        Objects.requireNonNull(text, "text");
    }

    /** Reads the release line at the start of {@code text}; empty if it does not start with N.N. */
    public static Optional<KernelRelease> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim();
        Matcher m = LINE.matcher(t);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(new KernelRelease(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), t));
    }

    /** The release line as {@code "major.minor"}. */
    public String line() {
        return major + "." + minor;
    }

    /** True when this release line is {@code major.minor} or newer. */
    public boolean isAtLeast(int otherMajor, int otherMinor) {
        return major > otherMajor || (major == otherMajor && minor >= otherMinor);
    }

    /** True when both are the same release line. */
    public boolean sameLine(KernelRelease other) {
        return major == other.major && minor == other.minor;
    }

    /** Orders by release line only. */
    @Override
    public int compareTo(KernelRelease o) {
        int c = Integer.compare(major, o.major);
        return c != 0 ? c : Integer.compare(minor, o.minor);
    }
}
