package org.pdrop.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Restore arguments from {@code tc -j -d -r qdisc show} output. The JSON lines are real output of
 * iproute2 6.1's tc for the commands named in each test; {@link LossEmulationNetnsTest} checks the
 * round trip against the kernel.
 */
class QdiscRestoreTest {
    static Qdisc root(String json) {
        return Qdisc.root(Qdisc.parseList(json));
    }

    static List<String> args(String json) throws Exception {
        return QdiscRestore.arguments(root(json));
    }

    @Test
    void fifos() throws Exception {
        // tc qdisc add dev va root handle 5: pfifo limit 7
        assertThat(args("[{\"kind\":\"pfifo\",\"handle\":\"5:\",\"root\":true,\"refcnt\":3,\"options\":{\"limit\":7}}]"))
                .containsExactly("handle", "5:", "pfifo", "limit", "7");
        // tc qdisc add dev va root handle 5: bfifo limit 30000
        assertThat(args("[{\"kind\":\"bfifo\",\"handle\":\"5:\",\"root\":true,\"refcnt\":3,\"options\":{\"limit\":30000}}]"))
                .containsExactly("handle", "5:", "bfifo", "limit", "30000");
    }

    @Test
    void pfifoFastWithTheDefaultPriomap() throws Exception {
        // tc qdisc add dev vb root pfifo_fast (the kernel chose handle 8004:)
        assertThat(args("[{\"kind\":\"pfifo_fast\",\"handle\":\"8004:\",\"root\":true,\"refcnt\":3,\"options\":"
                + "{\"bands\":3,\"priomap\":[1,2,2,2,1,2,0,0,1,1,1,1,1,1,1,1],\"multiqueue\":false}}]"))
                .containsExactly("handle", "8004:", "pfifo_fast");
    }

    @Test
    void htb() throws Exception {
        // tc qdisc add dev va root handle 5: htb default 12 r2q 5
        assertThat(args("[{\"kind\":\"htb\",\"handle\":\"5:\",\"root\":true,\"refcnt\":3,\"options\":{\"r2q\":5,"
                + "\"default\":\"0x12\",\"direct_packets_stat\":0,\"ver\":\"3.17\",\"direct_qlen\":1000}}]"))
                .containsExactly("handle", "5:", "htb", "r2q", "5", "default", "12", "direct_qlen", "1000");
    }

    @Test
    void tbfWithLimit() throws Exception {
        // tc qdisc add dev va root handle 5: tbf rate 1mbit burst 32kb limit 10000
        assertThat(args("[{\"kind\":\"tbf\",\"handle\":\"5:\",\"root\":true,\"refcnt\":3,\"options\":{\"rate\":125000,"
                + "\"burst\":\"32Kb/1\",\"mpu\":0,\"burst_raw\":\"3e8000\",\"limit\":10000,\"linklayer\":\"ethernet\"}}]"))
                .containsExactly("handle", "5:", "tbf", "rate", "1000000bit", "burst", "32768", "limit", "10000");
    }

    @Test
    void tbfWhoseRoundedBurstTcPrintsWouldNotRoundTrip() throws Exception {
        // tc qdisc add dev va root handle 5: tbf rate 1234567bit burst 3333 latency 7ms: tc prints burst 3332.
        assertThat(args("[{\"kind\":\"tbf\",\"handle\":\"5:\",\"root\":true,\"refcnt\":3,\"options\":{\"rate\":154320,"
                + "\"burst\":\"3332b/1\",\"mpu\":0,\"burst_raw\":\"5263c\",\"lat\":6999,\"limit\":4413,"
                + "\"linklayer\":\"ethernet\"}}]"))
                .containsExactly("handle", "5:", "tbf", "rate", "1234560bit", "burst", "3333", "limit", "4413");
    }

    @Test
    void tbfWithMpuOverheadAndAtm() throws Exception {
        // tc qdisc add dev va root handle 5: tbf rate 800kbit burst 5000 latency 70ms mpu 64
        assertThat(args("[{\"kind\":\"tbf\",\"handle\":\"5:\",\"root\":true,\"refcnt\":3,\"options\":{\"rate\":100000,"
                + "\"burst\":\"5000b/1\",\"mpu\":64,\"burst_raw\":\"bebc2\",\"lat\":70000,\"limit\":12000,"
                + "\"linklayer\":\"ethernet\"}}]"))
                .containsExactly("handle", "5:", "tbf", "rate", "800000bit", "burst", "5000", "limit", "12000",
                        "mpu", "64");
        // tc qdisc add dev va root handle 5: tbf rate 1mbit burst 32kb latency 400ms overhead 10 linklayer atm:
        // 32727 to 32774 bytes all give the kernel's 683 ATM cells; the smallest is taken.
        assertThat(args("[{\"kind\":\"tbf\",\"handle\":\"5:\",\"root\":true,\"refcnt\":3,\"options\":{\"rate\":125000,"
                + "\"burst\":\"36199b/1\",\"mpu\":0,\"burst_raw\":\"450b4b\",\"lat\":372552,\"limit\":82768,"
                + "\"overhead\":10,\"linklayer\":\"atm\"}}]"))
                .containsExactly("handle", "5:", "tbf", "rate", "1000000bit", "burst", "32727", "limit", "82768",
                        "overhead", "10", "linklayer", "atm");
    }

    /** burst_raw values the kernel (6.18) reported for tbf qdiscs added with these bursts and rates. */
    @ParameterizedTest(name = "{0} bytes at {1} B/s are {2} ticks")
    @CsvSource({"32768, 125000, 3e8000", "10240, 125000, 138800", "3333, 154320, 5263c", "5000, 100000, bebc2",
            "1600, 1250000000, 13", "77777, 124999999, 25fa", "123457, 5000000000, 181"})
    void tbfBurstTicksFollowTheKernelsArithmetic(long bytes, long rate, String ticks) {
        long t = Long.parseLong(ticks, 16);
        long[] ms = QdiscRestore.multShift(rate);
        assertThat(QdiscRestore.lengthToNanos(bytes, ms, 0, 0, false) >>> 6).isEqualTo(t);
        long found = QdiscRestore.tbfBurstBytes(rate, t, 0, 0, false);
        assertThat(found).isLessThanOrEqualTo(bytes);
        assertThat(QdiscRestore.lengthToNanos(found, ms, 0, 0, false) >>> 6).isEqualTo(t);
    }

    @Test
    void refusesWhatItCannotRecreate() {
        assertRefused("[{\"kind\":\"noqueue\",\"handle\":\"0:\",\"root\":true,\"options\":{}}]",
                "it is the kernel's default qdisc");
        assertRefused("[{\"kind\":\"fq_codel\",\"handle\":\"8001:\",\"root\":true,\"options\":{\"limit\":10240}}]",
                "pdrop can restore only pfifo, bfifo, pfifo_head_drop, pfifo_fast, tbf without a peak rate, and htb"
                        + " without classes");
        // tc qdisc add ... tbf rate 1mbit burst 10kb latency 50ms peakrate 2mbit mtu 1600: no peakrate in the JSON.
        assertRefused("[{\"kind\":\"tbf\",\"handle\":\"5:\",\"root\":true,\"refcnt\":3,\"options\":{\"rate\":125000,"
                + "\"burst\":10240,\"burst_raw\":\"138800\",\"minburst\":1600,\"mtu_raw\":\"186a0\",\"lat\":50000,"
                + "\"limit\":14100}}]", "tc shows tbf options pdrop cannot recreate: [minburst, mtu_raw]");
        assertRefused("[{\"kind\":\"pfifo\",\"handle\":\"5:\",\"root\":true,\"stab\":{\"overhead\":4},"
                + "\"options\":{\"limit\":7}}]", "tc shows settings pdrop cannot recreate: [stab]");
        assertRefused("[{\"kind\":\"pfifo_fast\",\"handle\":\"8004:\",\"root\":true,\"options\":{\"bands\":3,"
                + "\"priomap\":[0,2,2,2,1,2,0,0,1,1,1,1,1,1,1,1],\"multiqueue\":false}}]", "its priomap is not the default");
        assertRefused("[{\"kind\":\"tbf\",\"handle\":\"5:\",\"root\":true,\"options\":{\"rate\":125000,"
                + "\"burst\":32768,\"limit\":10000}}]", "tc did not print burst_raw");
    }

    @Test
    void repeatedKeysWithDifferentValuesAreRejected() {
        assertThatThrownBy(() -> Qdisc.parseList("[{\"kind\":\"tbf\",\"handle\":\"5:\",\"root\":true,"
                + "\"options\":{\"mpu\":0,\"mpu\":64}}]"))
                .isInstanceOf(RecordException.class).hasMessageContaining("\"mpu\" appears twice");
        // tc -j -d prints "mpu" twice for a tbf with a peak rate; equal values are fine.
        assertThat(root("[{\"kind\":\"tbf\",\"handle\":\"5:\",\"root\":true,\"options\":{\"mpu\":0,\"mpu\":0}}]")
                .options()).containsEntry("mpu", 0L);
    }

    @Test
    void defaultAndTree() {
        List<Qdisc> q = Qdisc.parseList("[{\"kind\":\"mq\",\"handle\":\"0:\",\"root\":true,\"options\":{}},"
                + "{\"kind\":\"pfifo_fast\",\"handle\":\"0:\",\"parent\":\":1\",\"options\":{}},"
                + "{\"kind\":\"clsact\",\"handle\":\"ffff:\",\"parent\":\"ffff:fff1\",\"options\":{}}]");
        assertThat(q).extracting(Qdisc::isDefault).containsExactly(true, true, false);
        assertThat(q).extracting(Qdisc::inRootTree).containsExactly(true, true, false);
        assertThat(Qdisc.root(Qdisc.parseList("[]"))).isNull();
    }

    private static void assertRefused(String json, String reason) {
        assertThatThrownBy(() -> args(json)).isInstanceOf(QdiscRestore.NotRestorableException.class)
                .hasMessageContaining(reason);
    }
}
