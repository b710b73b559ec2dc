#include "server/tls/pem.h"

#include <openssl/buffer.h>
#include <openssl/pem.h>

#include <climits>

namespace tollgate::server::tls_detail {

namespace {

/// The passphrase callback for every PEM read: there is nobody to ask. Without
/// it OpenSSL falls back to prompting on the controlling terminal, and a
/// negative answer (unlike 0, which would try the empty passphrase) makes it
/// give up at once.
int noPassphrase(char*, int, int, void*)
{
    return -1;
}

BioPtr readOnlyBio(std::string_view text)
{
    if (text.size() > static_cast<std::size_t>(INT_MAX))
        return nullptr;
    return BioPtr(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
}

std::string bioText(BIO* bio)
{
    BUF_MEM* memory = nullptr;
    BIO_get_mem_ptr(bio, &memory);
    return memory ? std::string(memory->data, memory->length) : std::string();
}

bool endOfPem(unsigned long code)
{
    return ERR_GET_LIB(code) == ERR_LIB_PEM && ERR_GET_REASON(code) == PEM_R_NO_START_LINE;
}

bool contains(std::string_view text, std::string_view part)
{
    return text.find(part) != std::string_view::npos;
}

/// Why `pem` yielded no private key, told from what it does hold.
std::string whyNoPrivateKey(std::string_view pem, const std::string& source)
{
    if (contains(pem, "-----BEGIN ENCRYPTED PRIVATE KEY-----")
        || contains(pem, "Proc-Type: 4,ENCRYPTED"))
        return "the private key in " + source
            + " is encrypted; Tollgate needs it without a passphrase (openssl pkey -in "
              "key.pem -out plain.pem)";
    if (contains(pem, "PRIVATE KEY-----")) {
        const std::string reasons = takeOpenSslErrors();
        return "the private key in " + source + " is damaged"
            + (reasons.empty() ? std::string() : ": " + reasons);
    }
    if (contains(pem, "-----BEGIN CERTIFICATE-----"))
        return "no private key in " + source + ": it holds a certificate, not a private key";
    return "no private key in " + source;
}

} // namespace

bool readCertificates(
    std::string_view pem, const std::string& source, std::vector<X509Ptr>* out, std::string* error)
{
    out->clear();
    ERR_clear_error();
    const BioPtr bio = readOnlyBio(pem);
    if (!bio) {
        *error = "cannot read " + source + ": " + takeOpenSslErrors();
        return false;
    }
    while (X509* certificate = PEM_read_bio_X509(bio.get(), nullptr, noPassphrase, nullptr))
        out->emplace_back(certificate);
    // The loop ends at the end of the text (no further "-----BEGIN") or at a
    // block that does not decode; only the second is an error.
    if (!endOfPem(ERR_peek_last_error())) {
        *error = "a certificate in " + source + " is damaged: " + takeOpenSslErrors();
        out->clear();
        return false;
    }
    ERR_clear_error();
    if (out->empty()) {
        *error = "no certificate in " + source;
        if (contains(pem, "PRIVATE KEY-----"))
            *error += ": it holds a private key, not a certificate";
        return false;
    }
    return true;
}

X509Ptr readCertificate(std::string_view pem, const std::string& source, std::string* error)
{
    std::vector<X509Ptr> certificates;
    if (!readCertificates(pem, source, &certificates, error))
        return nullptr;
    return std::move(certificates.front());
}

EvpPkeyPtr readPrivateKey(std::string_view pem, const std::string& source, std::string* error)
{
    ERR_clear_error();
    const BioPtr bio = readOnlyBio(pem);
    EvpPkeyPtr key(
        bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, noPassphrase, nullptr) : nullptr);
    if (!key)
        *error = whyNoPrivateKey(pem, source);
    ERR_clear_error();
    return key;
}

std::string certificatePem(X509* certificate)
{
    const BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_X509(bio.get(), certificate) != 1)
        return {};
    return bioText(bio.get());
}

std::string privateKeyPem(EVP_PKEY* key)
{
    const BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio
        || PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1)
        return {};
    return bioText(bio.get());
}

} // namespace tollgate::server::tls_detail
