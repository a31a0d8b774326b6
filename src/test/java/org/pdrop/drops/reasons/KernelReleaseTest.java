package org.pdrop.drops.reasons;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KernelReleaseTest {

    @ParameterizedTest
    @CsvSource({
        "6.1.0-56-amd64, 6, 1",
        "5.15.0-91-generic, 5, 15",
        "6.8.0-45-generic, 6, 8",
        "4.18.0-477.el8, 4, 18",
        "4.18.0-477.10.1.el8_8.x86_64, 4, 18",
        "7.3.4+deb13-amd64, 7, 3",
        "6.99.0, 6, 99",
        "6.8-rc4, 6, 8",
        "v6.12, 6, 12",
        "' 6.12.117 ', 6, 12",
    })
    void readsTheReleaseLine(String text, int major, int minor) {
        KernelRelease r = KernelRelease.parse(text).orElseThrow();
        assertThat(r.major()).isEqualTo(major);
        assertThat(r.minor()).isEqualTo(minor);
        assertThat(r.line()).isEqualTo(major + "." + minor);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "linux", "6", "six.one", "6.x"})
    void rejectsWhatIsNotARelease(String text) {
        assertThat(KernelRelease.parse(text)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void ordersByLine() {
        KernelRelease r61 = KernelRelease.parse("6.1.0-56-amd64").orElseThrow();
        KernelRelease r612 = KernelRelease.parse("6.12.1").orElseThrow();
        assertThat(r61).isLessThan(r612);
        assertThat(r612.isAtLeast(6, 4)).isTrue();
        assertThat(r61.isAtLeast(6, 4)).isFalse();
        assertThat(KernelRelease.parse("5.17").orElseThrow().isAtLeast(5, 17)).isTrue();
        assertThat(KernelRelease.parse(null)).isEmpty();
    }
}
