package dev.hoochat.application.port.in;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

  @Test
  void ipv4IsCountedAsItIs() {
    assertThat(ClientAddress.of(" 203.0.113.7 ").throttleKey()).isEqualTo("203.0.113.7");
  }

  @Test
  void ipv6IsCountedByItsSlash64WhateverItsSpelling() {
    String a = ClientAddress.of("2001:DB8:0:0a::1").throttleKey();
    String b = ClientAddress.of("[2001:db8:0:a:ffff:ffff:ffff:fffe]").throttleKey();
    String c = ClientAddress.of("2001:0db8:0000:000a:1:2:3:4%eth0").throttleKey();

    assertThat(a).isEqualTo("2001:db8:0:a::/64").isEqualTo(b).isEqualTo(c);
    assertThat(ClientAddress.of("2001:db8:0:b::1").throttleKey()).isNotEqualTo(a);
    assertThat(ClientAddress.of("::ffff:192.0.2.1").throttleKey()).isEqualTo("0:0:0:0::/64");
  }

  @Test
  void missingOrAbsurdAddressesAreUnknown() {
    assertThat(ClientAddress.of(null)).isEqualTo(ClientAddress.UNKNOWN);
    assertThat(ClientAddress.of("  ")).isEqualTo(ClientAddress.UNKNOWN);
    assertThat(ClientAddress.of("x".repeat(65))).isEqualTo(ClientAddress.UNKNOWN);
    assertThat(ClientAddress.of("not:an:address::with:junk").throttleKey())
        .isEqualTo("not:an:address::with:junk");
  }
}
