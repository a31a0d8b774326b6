package org.pdrop.drops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Site} and {@link Reason} write out equals and hashCode (for C1's sake); they must stay
 * what a record's are: equal exactly when every component is, with equal hash codes then.
 */
class KeyRecordsTest {
    @Test
    void sitesAreEqualExactlyWhenEveryComponentIs() {
        Site base = new Site(0xffffffff81000000L, "kfree_skb", 12, null);
        List<Site> others = List.of(new Site(0xffffffff81000001L, "kfree_skb", 12, null),
                new Site(0xffffffff81000000L, "consume_skb", 12, null), new Site(0xffffffff81000000L, null, 12, null),
                new Site(0xffffffff81000000L, "kfree_skb", 13, null),
                new Site(0xffffffff81000000L, "kfree_skb", 12, "nf_tables"));
        Site same = new Site(0xffffffff81000000L, new String("kfree_skb"), 12, null);
        assertThat(same).isEqualTo(base).hasSameHashCodeAs(base);
        assertThat(Site.unresolved(5)).isEqualTo(Site.unresolved(5)).hasSameHashCodeAs(Site.unresolved(5));
        for (Site o : others) {
            assertThat(o).isNotEqualTo(base);
            assertThat(base).isNotEqualTo(o);
        }
        assertThat(base).isNotEqualTo(null).isNotEqualTo("kfree_skb");
    }

    @Test
    void reasonsAreEqualExactlyWhenEveryComponentIs() {
        Reason base = new Reason(7, "QDISC_DROP", Reason.SHIPPED_TABLE, false, false, false);
        List<Reason> others = List.of(new Reason(8, "QDISC_DROP", Reason.SHIPPED_TABLE, false, false, false),
                new Reason(7, "OTHER", Reason.SHIPPED_TABLE, false, false, false),
                new Reason(7, null, Reason.SHIPPED_TABLE, false, false, false),
                new Reason(7, "QDISC_DROP", Reason.FORMAT_FILE, false, false, false),
                new Reason(7, "QDISC_DROP", Reason.SHIPPED_TABLE, true, false, false),
                new Reason(7, "QDISC_DROP", Reason.SHIPPED_TABLE, false, true, false),
                new Reason(7, "QDISC_DROP", Reason.SHIPPED_TABLE, false, false, true));
        Reason same = new Reason(7, new String("QDISC_DROP"), new String(Reason.SHIPPED_TABLE), false, false, false);
        assertThat(same).isEqualTo(base).hasSameHashCodeAs(base);
        assertThat(Reason.unnamed(3, true)).isEqualTo(Reason.unnamed(3, true))
                .hasSameHashCodeAs(Reason.unnamed(3, true));
        for (Reason o : others) {
            assertThat(o).isNotEqualTo(base);
            assertThat(base).isNotEqualTo(o);
        }
    }
}
