#pragma once

// The Asio TLS contexts HTTPS is served and called with: the embedded server's,
// from the user's certificate and key (PEM text or files), and the app's
// own client's, which trusts one CA and nothing else.

#include <boost/asio/ssl/context.hpp>

#include <memory>
#include <string>

namespace tollgate::server {

/// A server TLS context for the embedded server: TLS 1.2 and 1.3 only, the certificate chain
/// and key from PEM text (the chain: the leaf first, then intermediates), checked to belong
/// together (SSL_CTX_check_private_key), ALPN selecting "http/1.1" (a client that offers only
/// other protocols, e.g. only "h2", gets no ALPN answer rather than a failed handshake: HTTP/2
/// is not served), session tickets on (the default) and a session cache so resumption works.
/// Client-initiated renegotiation is refused. Returns nullptr and sets *error with a clear
/// message ("the key does not match the certificate", "no certificate in the certificate
/// chain", the OpenSSL reason string) on failure. The key must not be encrypted.
std::shared_ptr<boost::asio::ssl::context> makeServerTlsContext(
    const std::string& chainPem, const std::string& keyPem, std::string* error);

/// The same from files (read whole; errors name the file and say what is wrong, e.g. a
/// missing file, a file that holds no PEM certificate, a key file that holds a certificate).
/// The certificate file may hold the key as well and both names may then be the same file.
std::shared_ptr<boost::asio::ssl::context> makeServerTlsContextFromFiles(
    const std::string& certFile, const std::string& keyFile, std::string* error);

/// A client context that trusts exactly `caPem` (every certificate in it, no system roots;
/// for the app's composer and load runner talking to the embedded server), verify peer on,
/// TLS 1.2+, offering ALPN "http/1.1". The host name is checked per connection, where it is
/// known: the caller sets SNI and SSL_set1_host (or Asio's host_name_verification) on each
/// stream.
std::shared_ptr<boost::asio::ssl::context> makeClientTlsContext(
    const std::string& caPem, std::string* error);

} // namespace tollgate::server
