package org.pdrop.drops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProtocolsTest {
    @Test
    void namesTheCommonEtherTypes() {
        assertThat(Protocols.name(0x0800)).isEqualTo("IPv4");
        assertThat(Protocols.name(0x86DD)).isEqualTo("IPv6");
        assertThat(Protocols.name(0x0806)).isEqualTo("ARP");
        assertThat(Protocols.name(0x8100)).isEqualTo("802.1Q");
        assertThat(Protocols.name(0x88A8)).isEqualTo("802.1ad");
        assertThat(Protocols.name(0x8847)).isEqualTo("MPLS");
        assertThat(Protocols.name(0x0004)).isEqualTo("802.2");
        assertThat(Protocols.name(0x0000)).isEqualTo("none");
        assertThat(Protocols.name(0x88E1)).isNull();
    }

    @Test
    void labelsUnknownValuesInHex() {
        assertThat(Protocols.label(0x88E1)).isEqualTo("0x88e1");
        assertThat(Protocols.label(-1)).isEqualTo("-");
        assertThat(Protocols.label(2048)).isEqualTo("IPv4");
    }

    @Test
    void parsesNamesAndNumbers() {
        assertThat(Protocols.parse("ipv4")).hasValue(0x0800);
        assertThat(Protocols.parse("IPv6")).hasValue(0x86DD);
        assertThat(Protocols.parse("ip")).hasValue(0x0800);
        assertThat(Protocols.parse("arp")).hasValue(0x0806);
        assertThat(Protocols.parse("vlan")).hasValue(0x8100);
        assertThat(Protocols.parse("802.1q")).hasValue(0x8100);
        assertThat(Protocols.parse("2048")).hasValue(0x0800);
        assertThat(Protocols.parse("0x86dd")).hasValue(0x86DD);
        assertThat(Protocols.parse("0X0806")).hasValue(0x0806);
        assertThat(Protocols.parse("70000")).isEmpty();
        assertThat(Protocols.parse("bogus")).isEmpty();
        assertThat(Protocols.parse("")).isEmpty();
    }

    @Test
    void everyNameParsesBackToItsNumber() {
        for (int v = 0; v <= 0xFFFF; v++) {
            String n = Protocols.name(v);
            if (n != null) {
                assertThat(Protocols.parse(n)).as(n).hasValue(v);
            }
        }
    }
}
