package org.opencx.config.security;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.bouncycastle.util.IPAddress;

/**
 * What a generated certificate says: its common name, subject alternative names, how long it is
 * valid, its key type, and whether it may sign other certificates.
 *
 * @param commonName   the subject's CN
 * @param dnsNames     DNS subject alternative names ({@code *.example.com} allowed)
 * @param ipAddresses  IP subject alternative names, as literals
 * @param validityDays days from now until it expires
 * @param keyType      RSA 2048 or EC P-256
 * @param authority    a CA certificate (signs others) rather than a server/client one
 */
public record CertificateRequest(String commonName, List<String> dnsNames, List<String> ipAddresses, int validityDays,
                                 KeyType keyType, boolean authority) {
    /** The key pair behind the certificate. */
    public enum KeyType { RSA_2048, EC_P256 }

    private static final Pattern DNS_NAME = Pattern.compile(
            "(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

    public CertificateRequest {
        if (commonName == null || commonName.isBlank()) {
            throw new IllegalArgumentException("a certificate needs a common name");
        }
        dnsNames = List.copyOf(dnsNames);
        ipAddresses = List.copyOf(ipAddresses);
        for (String dns : dnsNames) {
            if (!DNS_NAME.matcher(dns).matches()) {
                throw new IllegalArgumentException("not a DNS name: " + dns);
            }
        }
        for (String ip : ipAddresses) {
            if (!IPAddress.isValid(ip)) {
                throw new IllegalArgumentException("not an IP address: " + ip);
            }
        }
        if (validityDays < 1) {
            throw new IllegalArgumentException("validity must be at least one day: " + validityDays);
        }
    }

    /** A server certificate for {@code host}, which is also its only SAN; RSA, one year. */
    public static CertificateRequest forHost(String host) {
        return new CertificateRequest(host, List.of(), List.of(), 365, KeyType.RSA_2048, false)
                .withSubjectAltNames(List.of(host));
    }

    /** A CA certificate named {@code commonName}; RSA, one year. */
    public static CertificateRequest authority(String commonName) {
        return new CertificateRequest(commonName, List.of(), List.of(), 365, KeyType.RSA_2048, true);
    }

    /** Replaces the SANs; each name is an IP address if it reads as one, else a DNS name. */
    public CertificateRequest withSubjectAltNames(List<String> names) {
        List<String> dns = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        for (String name : names) {
            String n = name.trim();
            (IPAddress.isValid(n) ? ips : dns).add(n);
        }
        return new CertificateRequest(commonName, dns, ips, validityDays, keyType, authority);
    }

    public CertificateRequest withValidityDays(int days) {
        return new CertificateRequest(commonName, dnsNames, ipAddresses, days, keyType, authority);
    }

    public CertificateRequest withKeyType(KeyType type) {
        return new CertificateRequest(commonName, dnsNames, ipAddresses, validityDays, type, authority);
    }
}
