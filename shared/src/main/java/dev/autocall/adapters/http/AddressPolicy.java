package dev.autocall.adapters.http;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Which URLs a workspace may have Autocall call: in AWS only https to public addresses, so that a flow cannot
 * reach the function's own runtime API on loopback, the network it runs in, or an instance metadata address;
 * the local runtime also calls plain http on loopback, where a developer's test server listens.
 *
 * <p>The host is resolved here and again by the HTTP client when it connects; a name that resolves to a public
 * address now and a private one then (DNS rebinding) is still refused by TLS in AWS, where every call is https
 * and the private services around a function speak plain http.
 */
public final class AddressPolicy {
    private final boolean allowLoopbackHttp;
    private final Resolver resolver;

    /** Looks a host's addresses up; the DNS by default. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    public AddressPolicy(boolean allowLoopbackHttp) {
        this(allowLoopbackHttp, InetAddress::getAllByName);
    }

    AddressPolicy(boolean allowLoopbackHttp, Resolver resolver) {
        this.allowLoopbackHttp = allowLoopbackHttp;
        this.resolver = resolver;
    }

    /** Why the URL may not be called, or empty when it may. */
    public Optional<String> refusal(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        String host = url.getHost();
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return Optional.of("not allowed: the URL must be https");
        }
        if (host == null || host.isEmpty()) {
            return Optional.of("not allowed: the URL has no host");
        }
        if (url.getRawUserInfo() != null) {
            return Optional.of("not allowed: the URL carries credentials");
        }
        if (scheme.equals("http") && !allowLoopbackHttp) {
            return Optional.of("not allowed: the URL must be https");
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            return Optional.of("unknown host");
        }
        if (addresses.length == 0) {
            return Optional.of("unknown host");
        }
        boolean allLoopback = true;
        boolean allPublic = true;
        for (InetAddress address : addresses) {
            allLoopback &= address.isLoopbackAddress();
            allPublic &= isPublic(address);
        }
        if (allowLoopbackHttp && allLoopback) {
            return Optional.empty();
        }
        if (scheme.equals("http")) {
            return Optional.of("not allowed: plain http is called on loopback only");
        }
        return allPublic ? Optional.empty() : Optional.of("not allowed: the host is not a public address");
    }

    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) {
                return false; // fc00::/7, unique local
            }
            if (isIpv4Mapped(b) || isIpv4Compatible(b)) {
                byte[] v4 = {b[12], b[13], b[14], b[15]};
                try {
                    return isPublic(InetAddress.getByAddress(v4));
                } catch (UnknownHostException e) {
                    return false;
                }
            }
            return true;
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return first != 0                                   // 0.0.0.0/8, "this network"
                && !(first == 100 && second >= 64 && second < 128) // 100.64.0.0/10, carrier-grade NAT
                && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) // 192.0.0.0/24, protocol assignments
                && !(first == 198 && (second == 18 || second == 19))    // 198.18.0.0/15, benchmarking
                && first < 240;                                    // 240.0.0.0/4 and broadcast
    }

    private static boolean isIpv4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }

    private static boolean isIpv4Compatible(byte[] b) {
        for (int i = 0; i < 12; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
