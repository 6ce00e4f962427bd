package dev.autocall.adapters.http;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AddressPolicyTest {
    /** Names resolve here without a DNS: the internal one to a private address, the others to public ones. */
    private static final Map<String, String> DNS = Map.of(
            "hooks.example.com", "93.184.216.34",
            "internal.example.com", "10.1.2.3",
            "rebound.example.com", "127.0.0.1");

    private static AddressPolicy policy(boolean local) {
        return new AddressPolicy(local, host -> {
            String address = DNS.get(host);
            if (address != null) {
                return new InetAddress[]{InetAddress.getByName(address)};
            }
            if (!host.isEmpty() && (Character.isDigit(host.charAt(0)) || host.contains(":"))) {
                return InetAddress.getAllByName(host); // a literal: parsed, not looked up
            }
            throw new UnknownHostException(host);
        });
    }

    @ParameterizedTest(name = "in AWS {0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            https://hooks.example.com/cancel?visit=1 | allowed
            https://93.184.216.34/hook               | allowed
            https://[2606:4700::1111]/hook           | allowed
            http://hooks.example.com/cancel          | not allowed: the URL must be https
            http://127.0.0.1:8080/hook               | not allowed: the URL must be https
            https://127.0.0.1/hook                   | not allowed: the host is not a public address
            https://rebound.example.com/hook         | not allowed: the host is not a public address
            https://10.0.0.5/hook                    | not allowed: the host is not a public address
            https://172.16.0.1/hook                  | not allowed: the host is not a public address
            https://192.168.1.1/hook                 | not allowed: the host is not a public address
            https://internal.example.com/hook        | not allowed: the host is not a public address
            https://169.254.169.254/latest/meta-data | not allowed: the host is not a public address
            https://[::1]/hook                       | not allowed: the host is not a public address
            https://[fd00::1]/hook                   | not allowed: the host is not a public address
            https://[fe80::1]/hook                   | not allowed: the host is not a public address
            https://[::ffff:10.0.0.1]/hook           | not allowed: the host is not a public address
            https://224.0.0.1/hook                   | not allowed: the host is not a public address
            https://0.0.0.0/hook                     | not allowed: the host is not a public address
            https://100.64.0.1/hook                  | not allowed: the host is not a public address
            https://nowhere.invalid/hook             | unknown host
            ftp://hooks.example.com/hook             | not allowed: the URL must be https
            https://user:pw@hooks.example.com/hook   | not allowed: the URL carries credentials
            """)
    void refusal_should_allowOnlyHttpsToPublicAddresses_inAws(String url, String expected) {
        assertEquals(expected, policy(false).refusal(URI.create(url)).orElse("allowed"));
    }

    @ParameterizedTest(name = "locally {0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            http://127.0.0.1:8080/hook        | allowed
            http://[::1]:8080/hook            | allowed
            https://127.0.0.1:8443/hook       | allowed
            https://hooks.example.com/cancel  | allowed
            http://hooks.example.com/cancel   | not allowed: plain http is called on loopback only
            http://10.0.0.5/hook              | not allowed: plain http is called on loopback only
            https://169.254.169.254/latest    | not allowed: the host is not a public address
            """)
    void refusal_should_alsoAllowLoopback_inTheLocalRuntime(String url, String expected) {
        assertEquals(expected, policy(true).refusal(URI.create(url)).orElse("allowed"));
    }
}
