#pragma once

// Certificates for serving HTTPS locally: a certificate authority of the
// user's own, server certificates it signs for the names the embedded server
// answers to, and what a certificate says, for the UI. Keys are ECDSA P-256,
// signatures SHA-256. The private keys come back as unencrypted PEM: whoever
// stores them keeps the file private (0600).

#include <cstdint>
#include <string>
#include <vector>

namespace tollgate::server {

/// A PEM certificate and its private key.
struct PemPair {
    std::string certificatePem;
    std::string keyPem;
};

/// Makes a local certificate authority: a self-signed CA certificate (basicConstraints
/// critical CA:TRUE, pathlen 0; keyUsage critical keyCertSign, cRLSign; subjectKeyIdentifier),
/// ECDSA P-256 key, SHA-256, CN = commonName, O = "Tollgate", valid from now-1h for `days`.
/// Random 128-bit positive serial (RAND_bytes). Returns false and sets *error on failure
/// (also for an empty common name, one longer than 64 characters, or days < 1).
bool makeCertificateAuthority(
    const std::string& commonName, int days, PemPair* out, std::string* error);

/// Makes a server certificate signed by `ca`: ECDSA P-256, SHA-256, CN = first name,
/// subjectAltName with every entry of `names` (an entry that parses as an IPv4/IPv6 address
/// becomes an IP SAN, else a DNS SAN), basicConstraints CA:FALSE, keyUsage digitalSignature,
/// extendedKeyUsage serverAuth, authorityKeyIdentifier, validity min(days, 397) days from now-1h.
/// 397 days is the most browsers accept for a server certificate. A DNS name is letters,
/// digits, '-', '_', '.' and '*' (wildcards); anything else is refused, as is a CA pair whose
/// key does not match its certificate or whose certificate is not a CA.
bool makeServerCertificate(const PemPair& ca, const std::vector<std::string>& names, int days,
    PemPair* out, std::string* error);

/// What a certificate says, for the UI: subject CN, issuer CN, notAfter (Unix seconds),
/// SHA-256 fingerprint as "AB:CD:..." , the SAN names, and whether it is a CA.
struct CertificateInfo {
    std::string subject; ///< the CN, or the whole name (RFC 2253) when it has none
    std::string issuer; ///< likewise
    std::int64_t notBefore = 0; ///< Unix seconds
    std::int64_t notAfter = 0; ///< Unix seconds
    std::string sha256Fingerprint; ///< of the DER, upper-case hex pairs joined by ':'
    std::vector<std::string> names; ///< DNS and IP SANs, in the certificate's order
    bool isCa = false; ///< basicConstraints CA:TRUE
};

/// Whether `pair` can serve under `caCertificatePem`: its key matches its certificate
/// and the certificate's signature verifies with the CA's key (its dates and names are
/// readCertificateInfo's to say). False with the reason in *why otherwise.
bool isIssuedBy(const PemPair& pair, const std::string& caCertificatePem, std::string* why);

/// Reads the first certificate in `certificatePem` (a chain's leaf).
bool readCertificateInfo(
    const std::string& certificatePem, CertificateInfo* out, std::string* error);

} // namespace tollgate::server
