package com.statalog.webhooks.dispatcher.egress;

import static com.statalog.webhooks.dispatcher.egress.UrlPolicyTest.ip;
import static com.statalog.webhooks.dispatcher.egress.UrlPolicyTest.mappedInet6;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.Inet6Address;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Every special-purpose block, its edges, and the IPv6 forms that carry an IPv4 address. */
class AddressClassTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "1.1.1.1,                 PUBLIC",
            "93.184.215.14,           PUBLIC",
            "223.255.255.255,         PUBLIC",
            "0.0.0.0,                 UNSPECIFIED",
            "0.255.255.255,           UNSPECIFIED",
            "1.0.0.0,                 PUBLIC",
            "126.255.255.255,         PUBLIC",
            "127.0.0.0,               LOOPBACK",
            "127.255.255.255,         LOOPBACK",
            "128.0.0.0,               PUBLIC",
            "9.255.255.255,           PUBLIC",
            "10.0.0.0,                PRIVATE",
            "10.255.255.255,          PRIVATE",
            "11.0.0.0,                PUBLIC",
            "172.15.255.255,          PUBLIC",
            "172.16.0.0,              PRIVATE",
            "172.31.255.255,          PRIVATE",
            "172.32.0.0,              PUBLIC",
            "192.167.255.255,         PUBLIC",
            "192.168.0.0,             PRIVATE",
            "192.168.255.255,         PRIVATE",
            "192.169.0.0,             PUBLIC",
            "169.253.255.255,         PUBLIC",
            "169.254.0.0,             LINK_LOCAL",
            "169.254.169.253,         LINK_LOCAL",
            "169.254.169.254,         METADATA",
            "169.254.255.255,         LINK_LOCAL",
            "169.255.0.0,             PUBLIC",
            "100.100.100.200,         METADATA",
            "168.63.129.15,           PUBLIC",
            "168.63.129.16,           METADATA",
            "168.63.129.17,           PUBLIC",
            "161.25.255.255,          PUBLIC",
            "161.26.0.0,              METADATA",
            "161.26.255.255,          METADATA",
            "161.27.0.0,              PUBLIC",
            "166.7.255.255,           PUBLIC",
            "166.8.0.0,               METADATA",
            "166.11.255.255,          METADATA",
            "166.12.0.0,              PUBLIC",
            "100.63.255.255,          PUBLIC",
            "100.64.0.0,              RESERVED",
            "100.127.255.255,         RESERVED",
            "100.128.0.0,             PUBLIC",
            "192.0.0.0,               RESERVED",
            "192.0.0.255,             RESERVED",
            "192.0.1.0,               PUBLIC",
            "192.0.2.0,               RESERVED",
            "192.0.2.255,             RESERVED",
            "198.17.255.255,          PUBLIC",
            "198.18.0.0,              RESERVED",
            "198.19.255.255,          RESERVED",
            "198.20.0.0,              PUBLIC",
            "198.51.100.1,            RESERVED",
            "203.0.113.1,             RESERVED",
            "203.0.114.0,             PUBLIC",
            "224.0.0.0,               MULTICAST",
            "239.255.255.255,         MULTICAST",
            "240.0.0.0,               RESERVED",
            "255.255.255.255,         RESERVED",
            "::,                      UNSPECIFIED",
            "::1,                     LOOPBACK",
            "::2,                     UNSPECIFIED",
            "2606:4700:4700::1111,    PUBLIC",
            "2a00:1450:4001::1,       PUBLIC",
            "2000::,                  PUBLIC",
            "3fef:ffff:ffff::1,       PUBLIC",
            "3fff::1,                 RESERVED",
            "3fff:fff::1,             RESERVED",
            "1fff:ffff::1,            RESERVED",
            "4000::1,                 RESERVED",
            "100::1,                  RESERVED",
            "fc00::1,                 PRIVATE",
            "fdff:ffff::1,            PRIVATE",
            "fd00:ec2::254,           METADATA",
            "fd00:ec2::253,           PRIVATE",
            "fe80::1,                 LINK_LOCAL",
            "febf:ffff::1,            LINK_LOCAL",
            "fec0::1,                 RESERVED",
            "ff00::1,                 MULTICAST",
            "ff02::1,                 MULTICAST",
            "2001::1,                 RESERVED",
            "2001:1ff:ffff::1,        RESERVED",
            "2001:200::1,             PUBLIC",
            "2001:db8::1,             RESERVED",
            "2001:db9::1,             PUBLIC",
            "::ffff:127.0.0.1,        LOOPBACK",
            "::ffff:8.8.8.8,          PUBLIC",
            "::127.0.0.1,             LOOPBACK",
            "::10.0.0.1,              PRIVATE",
            "::8.8.8.8,               PUBLIC",
            "64:ff9b::7f00:1,         LOOPBACK",
            "64:ff9b::a9fe:a9fe,      METADATA",
            "64:ff9b::808:808,        PUBLIC",
            "64:ff9b:1::c0a8:1,       PRIVATE",
            "64:ff9b:1::808:808,      PUBLIC",
            "64:ff9b:1:7f00:0:100::,  RESERVED",
            "64:ff9b:0:1::808:808,    RESERVED",
            "2002:7f00:1::,           LOOPBACK",
            "2002:a9fe:a9fe::1,       METADATA",
            "2002:6440:1::,           RESERVED",
            "2002:808:808::1,         PUBLIC",
    })
    void classifiesAddresses(String address, AddressClass expected) {
        assertEquals(expected, AddressClass.of(ip(address)));
    }

    @Test
    void anIpv4MappedAddressIsJudgedTheSameAsInet4AndInet6Address() {
        assertEquals(Inet4Address.class, ip("::ffff:169.254.169.254").getClass());
        assertEquals(Inet6Address.class, mappedInet6(169, 254, 169, 254).getClass());

        assertEquals(AddressClass.METADATA, AddressClass.of(ip("::ffff:169.254.169.254")));
        assertEquals(AddressClass.METADATA, AddressClass.of(mappedInet6(169, 254, 169, 254)));
        assertEquals(AddressClass.LOOPBACK, AddressClass.of(mappedInet6(127, 0, 0, 1)));
        assertEquals(AddressClass.PUBLIC, AddressClass.of(mappedInet6(8, 8, 8, 8)));
    }

    @ParameterizedTest
    @EnumSource(value = AddressClass.class, names = {"LOOPBACK", "PRIVATE"})
    void loopbackAndPrivateAreAllowedOnlyWhenPrivateTargetsAre(AddressClass addressClass) {
        assertFalse(addressClass.isAllowed(false));
        assertTrue(addressClass.isAllowed(true));
    }

    @ParameterizedTest
    @EnumSource(value = AddressClass.class, names = {"PUBLIC", "LOOPBACK", "PRIVATE"}, mode = EnumSource.Mode.EXCLUDE)
    void everyOtherSpecialClassIsAlwaysRefused(AddressClass addressClass) {
        assertFalse(addressClass.isAllowed(false));
        assertFalse(addressClass.isAllowed(true));
    }

    @Test
    void publicIsAlwaysAllowed() {
        assertTrue(AddressClass.PUBLIC.isAllowed(false));
        assertTrue(AddressClass.PUBLIC.isAllowed(true));
    }
}
