package org.pdrop.symbols;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ResolutionTest {
    @Test
    void formatsLikeTheSeed() {
        Resolution r = new Resolution(new Symbol("kfree_skb_list_reason", null, 0xffffffffabbc0ae0L), 30);

        assertThat(r.format()).isEqualTo("kfree_skb_list_reason+30");
        assertThat(r.formatWithModule()).isEqualTo("kfree_skb_list_reason+30");
    }

    @Test
    void formatsModuleForEnhancedOutputs() {
        Resolution r = new Resolution(new Symbol("nft_do_chain", "nf_tables", 0xffffffffc0cf10d0L), 1151);

        assertThat(r.format()).isEqualTo("nft_do_chain+1151");
        assertThat(r.formatWithModule()).isEqualTo("nft_do_chain+1151 [nf_tables]");
    }

    @Test
    void formatsOffsetsAsUnsigned() {
        Resolution r = new Resolution(new Symbol("zero", null, 0), 0xffffffffabd16e90L);

        assertThat(r.format()).isEqualTo("zero+18446744072297213584");
    }

    @Test
    void formatsAddressesInLowerCaseHex() {
        assertThat(Addresses.hex(0xffffffffabd16e90L)).isEqualTo("0xffffffffabd16e90");
        assertThat(Addresses.hex(0xc0008000L)).isEqualTo("0xc0008000");
        assertThat(Addresses.hex(0)).isEqualTo("0x0");
        assertThat(Addresses.hex(-1)).isEqualTo("0xffffffffffffffff");
    }

    @Test
    void rejectsEmptyNames() {
        assertThatThrownBy(() -> new Symbol("", null, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
