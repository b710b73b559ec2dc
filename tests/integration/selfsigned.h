#pragma once

// A certificate for 127.0.0.1 and localhost that signs itself, as PEM text,
// for the tests that need a TLS server (composer, load generator).

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <string>

namespace testsupport {

struct SelfSignedPem {
    std::string certificate;
    std::string key;
};

inline SelfSignedPem makeSelfSignedPem()
{
    SelfSignedPem out;
    EVP_PKEY* pkey = EVP_EC_gen("P-256");
    X509* x = X509_new();
    if (!pkey || !x)
        return out;
    X509_set_version(x, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(x), 1);
    X509_gmtime_adj(X509_getm_notBefore(x), -3600);
    X509_gmtime_adj(X509_getm_notAfter(x), 24 * 3600);
    X509_set_pubkey(x, pkey);
    X509_NAME* name = X509_get_subject_name(x);
    X509_NAME_add_entry_by_txt(
        name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("localhost"), -1, -1, 0);
    X509_set_issuer_name(x, name);
    // The names match, so the only thing wrong is who signed it.
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, x, x, nullptr, nullptr, 0);
    if (X509_EXTENSION* san
        = X509V3_EXT_conf_nid(nullptr, &ctx, NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1")) {
        X509_add_ext(x, san, -1);
        X509_EXTENSION_free(san);
    }
    X509_sign(x, pkey, EVP_sha256());

    const auto pem = [](auto write) {
        BIO* bio = BIO_new(BIO_s_mem());
        write(bio);
        char* data = nullptr;
        const long size = BIO_get_mem_data(bio, &data);
        std::string text(data, static_cast<std::size_t>(size));
        BIO_free(bio);
        return text;
    };
    out.certificate = pem([&](BIO* b) { PEM_write_bio_X509(b, x); });
    out.key = pem(
        [&](BIO* b) { PEM_write_bio_PrivateKey(b, pkey, nullptr, nullptr, 0, nullptr, nullptr); });
    X509_free(x);
    EVP_PKEY_free(pkey);
    return out;
}

} // namespace testsupport
