#pragma once

// PEM text in and out for server/tls/: certificates and private keys read with
// messages a person can act on ("no certificate in cert.pem", "it holds a
// certificate, not a private key"), and written back as PEM.

#include "server/tls/sslobjects.h"

#include <string>
#include <string_view>
#include <vector>

namespace tollgate::server::tls_detail {

/// Every certificate in `pem`, in order; blocks of other kinds (a private key
/// kept in the same file) are skipped. `source` names the text in messages: a
/// file name or a description such as "the certificate chain". False with the
/// reason when there is no certificate or one is damaged.
bool readCertificates(
    std::string_view pem, const std::string& source, std::vector<X509Ptr>* out, std::string* error);

/// The first certificate in `pem` (see readCertificates).
X509Ptr readCertificate(std::string_view pem, const std::string& source, std::string* error);

/// The private key in `pem`, which must not be encrypted: an encrypted key is
/// refused rather than read, since OpenSSL would otherwise ask for its
/// passphrase on the terminal of a server that has none.
EvpPkeyPtr readPrivateKey(std::string_view pem, const std::string& source, std::string* error);

/// The certificate as PEM ("-----BEGIN CERTIFICATE-----"); empty on failure.
std::string certificatePem(X509* certificate);
/// The key as unencrypted PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----"); empty on failure.
std::string privateKeyPem(EVP_PKEY* key);

} // namespace tollgate::server::tls_detail
