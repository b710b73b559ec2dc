#include "server/tls/tlscontext.h"

#include "server/common/files.h"
#include "server/tls/pem.h"
#include "server/tls/sslobjects.h"

#include <openssl/ssl.h>

#include <cstring>
#include <filesystem>
#include <system_error>
#include <vector>

namespace tollgate::server {

using namespace tls_detail;
namespace ssl = boost::asio::ssl;

namespace {

/// The one application protocol the embedded server speaks, as ALPN spells it.
constexpr unsigned char kHttp11[] = { 'h', 't', 't', 'p', '/', '1', '.', '1' };
/// ALPN's wire form of the client's offer: the name after its length.
constexpr unsigned char kHttp11Offer[] = { 8, 'h', 't', 't', 'p', '/', '1', '.', '1' };
/// Names this server's sessions; a session from another context is not resumed.
constexpr unsigned char kSessionContext[] = { 't', 'o', 'l', 'l', 'g', 'a', 't', 'e' };
/// Certificates and keys are a few kilobytes; a larger "certificate" is a wrong path.
constexpr std::uintmax_t kMaxPemFileBytes = 1024 * 1024;

/// Where the PEM texts came from, for the messages.
struct Sources {
    std::string chain;
    std::string key;
    std::string mismatch; ///< the message when the key is not the leaf's
};

std::shared_ptr<ssl::context> failed(std::string* error, std::string message)
{
    *error = std::move(message);
    ERR_clear_error();
    return nullptr;
}

std::shared_ptr<ssl::context> failedInOpenSsl(std::string* error, const std::string& what)
{
    const std::string reasons = takeOpenSslErrors();
    return failed(error, reasons.empty() ? what : what + ": " + reasons);
}

/// Picks "http/1.1" from the client's offer (length-prefixed names). HTTP/2 is
/// not served: a client that offers only h2 (or anything else) gets no ALPN
/// answer and goes on with HTTP/1.1, as curl and browsers do, where a fatal
/// no_application_protocol alert would fail a connection that works.
int selectHttp11(SSL*, const unsigned char** out, unsigned char* outLength,
    const unsigned char* offer, unsigned int offerLength, void*)
{
    for (unsigned int at = 0; at < offerLength;) {
        const unsigned int length = offer[at];
        if (length == 0 || at + 1 + length > offerLength)
            break;
        if (length == sizeof kHttp11 && std::memcmp(offer + at + 1, kHttp11, length) == 0) {
            *out = offer + at + 1;
            *outLength = static_cast<unsigned char>(length);
            return SSL_TLSEXT_ERR_OK;
        }
        at += 1 + length;
    }
    return SSL_TLSEXT_ERR_NOACK;
}

/// A fresh Asio context of `method` limited to TLS 1.2 and 1.3 (Asio's own
/// floor is TLS 1.0).
std::shared_ptr<ssl::context> newContext(ssl::context::method method, std::string* error)
{
    std::shared_ptr<ssl::context> context;
    try {
        context = std::make_shared<ssl::context>(method);
    } catch (const boost::system::system_error& e) {
        return failedInOpenSsl(error, std::string("cannot make a TLS context: ") + e.what());
    }
    SSL_CTX* native = context->native_handle();
    if (SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION) != 1
        || SSL_CTX_set_max_proto_version(native, TLS1_3_VERSION) != 1)
        return failedInOpenSsl(error, "cannot limit the TLS versions");
    return context;
}

/// The message for a key that is not the leaf's. A chain written root first
/// is a common slip; when the key belongs to a later certificate, say so.
std::string mismatchMessage(
    const std::vector<X509Ptr>& chain, EVP_PKEY* key, const Sources& sources)
{
    for (std::size_t i = 1; i < chain.size(); ++i) {
        if (X509_check_private_key(chain[i].get(), key) == 1)
            return sources.mismatch + ": it belongs to certificate " + std::to_string(i + 1)
                + " in " + sources.chain + "; the server's own certificate comes first";
    }
    return sources.mismatch;
}

std::shared_ptr<ssl::context> makeServer(const std::string& chainPem, const std::string& keyPem,
    const Sources& sources, std::string* error)
{
    std::vector<X509Ptr> chain;
    if (!readCertificates(chainPem, sources.chain, &chain, error))
        return nullptr;
    const EvpPkeyPtr key = readPrivateKey(keyPem, sources.key, error);
    if (!key)
        return nullptr;
    // Checked before the context sees them: SSL_CTX_use_PrivateKey refuses a
    // mismatched key of the leaf's type but takes one of another type, and
    // either way OpenSSL's words ("key values mismatch") name neither file.
    if (X509_check_private_key(chain.front().get(), key.get()) != 1)
        return failed(error, mismatchMessage(chain, key.get(), sources));

    std::shared_ptr<ssl::context> context = newContext(ssl::context::tls_server, error);
    if (!context)
        return nullptr;
    SSL_CTX* native = context->native_handle();
    SSL_CTX_set_options(
        native, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE);
    if (SSL_CTX_use_certificate(native, chain.front().get()) != 1)
        return failedInOpenSsl(error, "cannot use the certificate in " + sources.chain);
    for (std::size_t i = 1; i < chain.size(); ++i) {
        if (SSL_CTX_add1_chain_cert(native, chain[i].get()) != 1)
            return failedInOpenSsl(
                error, "cannot use certificate " + std::to_string(i + 1) + " in " + sources.chain);
    }
    if (SSL_CTX_use_PrivateKey(native, key.get()) != 1 || SSL_CTX_check_private_key(native) != 1)
        return failed(error, mismatchMessage(chain, key.get(), sources));

    // Resumption: TLS 1.3 and 1.2 tickets (on by default, keys per context,
    // so every connection of this context can resume another's session) and
    // the server-side cache for TLS 1.2 clients that resume by session id.
    SSL_CTX_set_session_cache_mode(native, SSL_SESS_CACHE_SERVER);
    if (SSL_CTX_set_session_id_context(native, kSessionContext, sizeof kSessionContext) != 1)
        return failedInOpenSsl(error, "cannot set the session id context");
    SSL_CTX_set_alpn_select_cb(native, selectHttp11, nullptr);
    ERR_clear_error();
    return context;
}

/// The whole of `path`; false with a message that starts with the path.
bool readPemFile(const std::string& path, std::string* out, std::string* error)
{
    std::error_code ec;
    const std::uintmax_t size = std::filesystem::file_size(path, ec);
    if (ec) {
        *error = path + ": " + ec.message();
        return false;
    }
    if (size > kMaxPemFileBytes) {
        *error = path + ": " + std::to_string(size)
            + " bytes is too large for a certificate or key file";
        return false;
    }
    std::string reason;
    if (!readFile(path, out, &reason)) {
        *error = path + ": " + reason;
        return false;
    }
    return true;
}

} // namespace

std::shared_ptr<ssl::context> makeServerTlsContext(
    const std::string& chainPem, const std::string& keyPem, std::string* error)
{
    return makeServer(chainPem, keyPem,
        { "the certificate chain", "the key PEM", "the key does not match the certificate" },
        error);
}

std::shared_ptr<ssl::context> makeServerTlsContextFromFiles(
    const std::string& certFile, const std::string& keyFile, std::string* error)
{
    std::string chainPem;
    std::string keyPem;
    if (!readPemFile(certFile, &chainPem, error) || !readPemFile(keyFile, &keyPem, error))
        return nullptr;
    return makeServer(chainPem, keyPem,
        { certFile, keyFile,
            "the key in " + keyFile + " does not match the certificate in " + certFile },
        error);
}

std::shared_ptr<ssl::context> makeClientTlsContext(const std::string& caPem, std::string* error)
{
    std::vector<X509Ptr> authorities;
    if (!readCertificates(caPem, "the CA PEM", &authorities, error))
        return nullptr;
    std::shared_ptr<ssl::context> context = newContext(ssl::context::tls_client, error);
    if (!context)
        return nullptr;
    SSL_CTX* native = context->native_handle();
    // A new context's store is empty (Asio loads the system roots only when
    // asked), so these are the only anchors.
    X509_STORE* store = SSL_CTX_get_cert_store(native);
    for (const X509Ptr& authority : authorities) {
        if (X509_STORE_add_cert(store, authority.get()) != 1)
            return failedInOpenSsl(error, "cannot trust the CA certificate");
    }
    SSL_CTX_set_verify(native, SSL_VERIFY_PEER, nullptr);
    // Unlike most of OpenSSL, 0 is success here.
    if (SSL_CTX_set_alpn_protos(native, kHttp11Offer, sizeof kHttp11Offer) != 0)
        return failedInOpenSsl(error, "cannot offer ALPN http/1.1");
    ERR_clear_error();
    return context;
}

} // namespace tollgate::server
