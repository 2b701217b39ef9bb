package com.statalog.webhooks.dispatcher.egress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The inet_aton spellings of IPv4 addresses, and the hosts that must be read as one. */
class Ipv4LiteralTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "127.0.0.1,                    127.0.0.1",
            "127.0.0.1.,                   127.0.0.1",
            "2130706433,                   127.0.0.1",
            "0x7f000001,                   127.0.0.1",
            "0X7F000001,                   127.0.0.1",
            "0x7f.0.0.1,                   127.0.0.1",
            "0x7f.1,                       127.0.0.1",
            "0177.0.0.1,                   127.0.0.1",
            "017700000001,                 127.0.0.1",
            "0000000000000000000177.0.0.1, 127.0.0.1",
            "127.1,                        127.0.0.1",
            "127.0.1,                      127.0.0.1",
            "0,                            0.0.0.0",
            "0x,                           0.0.0.0",
            "00,                           0.0.0.0",
            "1.2.3.4,                      1.2.3.4",
            "1.2.772,                      1.2.3.4",
            "1.131844,                     1.2.3.4",
            "16909060,                     1.2.3.4",
            "01.02.03.04,                  1.2.3.4",
            "0x1.0x2.0x3.0x4,              1.2.3.4",
            "255.255.255.255,              255.255.255.255",
            "4294967295,                   255.255.255.255",
            "0xffffffff,                   255.255.255.255",
            "037777777777,                 255.255.255.255",
            "1.16777215,                   1.255.255.255",
            "1.2.65535,                    1.2.255.255",
    })
    void readsEveryInetAtonForm(String host, String expected) {
        assertEquals(Optional.of(UrlPolicyTest.ip(expected)), Ipv4Literal.parse(host));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "", ".", "..", "1..2", "1.2.3.4..", ".1.2.3", "1.2.3.4.5",
            "256.0.0.1", "1.256.0.1", "1.2.256.1", "1.2.3.256", "1.2.65536", "1.16777216", "4294967296",
            "0x100000000", "040000000000", "99999999999999999999999999",
            "08", "09.0.0.1", "0x7g", "0xx1", "+1", "-1", "1.2.3.-4", "1e3", "one", "example.com", "１２７.0.0.1",
    })
    void refusesAnythingElse(String host) {
        assertEquals(Optional.empty(), Ipv4Literal.parse(host));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1", "0", "1.", "a.1", "example.42", "example.08", "a.0x1f", "a.0X", "1.2.3.4.5", "256.1"})
    void hostsEndingInANumberAreAddresses(String host) {
        assertTrue(Ipv4Literal.endsInNumber(host));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"example.com", "example.com.", "localhost", "a.1a", "a.0xg", "1.2.3.a", "a.", "a..", "0x7f.x"})
    void hostsEndingInANameAreNames(String host) {
        assertFalse(Ipv4Literal.endsInNumber(host));
    }
}
