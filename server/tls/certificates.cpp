#include "server/tls/certificates.h"

#include "server/tls/pem.h"
#include "server/tls/sslobjects.h"

#include <boost/asio/ip/address.hpp>

#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <ctime>

namespace tollgate::server {

using namespace tls_detail;

namespace {

/// The CA/Browser Forum's ceiling since 2020; browsers refuse longer-lived server certificates.
constexpr int kMaxServerDays = 397;
/// ub-common-name (RFC 5280): OpenSSL refuses a longer CN.
constexpr std::size_t kMaxCommonName = 64;
/// Certificates start an hour early so a client whose clock runs a little
/// behind does not see a certificate that is "not yet valid".
constexpr long kBackdateSeconds = 3600;

bool fail(std::string* error, std::string message)
{
    *error = std::move(message);
    ERR_clear_error();
    return false;
}

/// `what` failed inside OpenSSL: the message says what, then OpenSSL's reasons.
bool failInOpenSsl(std::string* error, const std::string& what)
{
    const std::string reasons = takeOpenSslErrors();
    return fail(error, reasons.empty() ? what : what + ": " + reasons);
}

EvpPkeyPtr makeP256Key()
{
    const EvpPkeyCtxPtr context(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
    EVP_PKEY* key = nullptr;
    if (!context || EVP_PKEY_keygen_init(context.get()) <= 0
        || EVP_PKEY_CTX_set_group_name(context.get(), "P-256") <= 0
        || EVP_PKEY_generate(context.get(), &key) <= 0)
        return nullptr;
    return EvpPkeyPtr(key);
}

/// 128 random bits read as an unsigned number: positive, and at most 17 octets
/// in DER (RFC 5280 allows 20), which is why the top bit need not be cleared.
bool setRandomSerial(X509* certificate)
{
    std::array<unsigned char, 16> bytes {};
    if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1)
        return false;
    const BignumPtr serial(BN_bin2bn(bytes.data(), static_cast<int>(bytes.size()), nullptr));
    if (!serial || (BN_is_zero(serial.get()) && BN_one(serial.get()) != 1))
        return false;
    return BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(certificate)) != nullptr;
}

bool setValidity(X509* certificate, int days)
{
    std::time_t now = std::time(nullptr);
    return X509_time_adj_ex(X509_getm_notBefore(certificate), 0, -kBackdateSeconds, &now)
        && X509_time_adj_ex(X509_getm_notAfter(certificate), days, -kBackdateSeconds, &now);
}

bool addNameEntry(X509_NAME* name, int nid, const std::string& value)
{
    return X509_NAME_add_entry_by_NID(name, nid, MBSTRING_UTF8,
               reinterpret_cast<const unsigned char*>(value.data()), static_cast<int>(value.size()),
               -1, 0)
        == 1;
}

/// A version 3 certificate for `key` with a fresh serial and the validity,
/// before names, extensions and signature.
X509Ptr newCertificate(EVP_PKEY* key, int days)
{
    X509Ptr certificate(X509_new());
    if (!certificate || X509_set_version(certificate.get(), X509_VERSION_3) != 1
        || !setRandomSerial(certificate.get()) || !setValidity(certificate.get(), days)
        || X509_set_pubkey(certificate.get(), key) != 1)
        return nullptr;
    return certificate;
}

/// One extension in OpenSSL's configuration syntax ("critical,CA:TRUE"). The
/// values are ours, never the user's: user text (the SAN names) is built
/// field by field in subjectAltNames, so a comma in a name cannot add an entry.
bool addExtension(X509* certificate, X509V3_CTX* context, int nid, const char* value)
{
    const X509ExtensionPtr extension(X509V3_EXT_nconf_nid(nullptr, context, nid, value));
    return extension && X509_add_ext(certificate, extension.get(), -1) == 1;
}

bool isDnsName(const std::string& name)
{
    return !name.empty() && name.size() <= 253 && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
            || c == '-' || c == '.' || c == '_' || c == '*';
    });
}

/// The address `name` spells, also in brackets ("[::1]") as URLs write IPv6.
bool parseAddress(const std::string& name, boost::asio::ip::address* out)
{
    const bool bracketed = name.size() > 2 && name.front() == '[' && name.back() == ']';
    const std::string text = bracketed ? name.substr(1, name.size() - 2) : name;
    boost::system::error_code ec;
    *out = boost::asio::ip::make_address(text, ec);
    return !ec && (!bracketed || out->is_v6());
}

GeneralNamePtr ipName(const boost::asio::ip::address& address)
{
    Asn1OctetStringPtr octets(ASN1_OCTET_STRING_new());
    bool set = false;
    if (address.is_v4()) {
        const auto bytes = address.to_v4().to_bytes();
        set = octets && ASN1_OCTET_STRING_set(octets.get(), bytes.data(), bytes.size()) == 1;
    } else {
        const auto bytes = address.to_v6().to_bytes();
        set = octets && ASN1_OCTET_STRING_set(octets.get(), bytes.data(), bytes.size()) == 1;
    }
    GeneralNamePtr name(GENERAL_NAME_new());
    if (!set || !name)
        return nullptr;
    GENERAL_NAME_set0_value(name.get(), GEN_IPADD, octets.release());
    return name;
}

GeneralNamePtr dnsName(const std::string& text)
{
    Asn1Ia5StringPtr string(ASN1_IA5STRING_new());
    GeneralNamePtr name(GENERAL_NAME_new());
    if (!string || !name
        || ASN1_STRING_set(string.get(), text.data(), static_cast<int>(text.size())) != 1)
        return nullptr;
    GENERAL_NAME_set0_value(name.get(), GEN_DNS, string.release());
    return name;
}

/// The subjectAltName entries for `names`, or null with *error naming the
/// entry that is neither an address nor a host name.
GeneralNamesPtr subjectAltNames(const std::vector<std::string>& names, std::string* error)
{
    GeneralNamesPtr all(sk_GENERAL_NAME_new_null());
    if (!all) {
        failInOpenSsl(error, "cannot make the subjectAltName");
        return nullptr;
    }
    for (const std::string& text : names) {
        boost::asio::ip::address address;
        GeneralNamePtr name;
        if (parseAddress(text, &address)) {
            // An IP SAN holds 4 or 16 bytes and no zone: "fe80::1%eth0" names
            // an interface of this machine, which a certificate cannot.
            if (address.is_v6() && address.to_v6().scope_id() != 0) {
                fail(error, "'" + text + "' has a zone (%...), which a certificate cannot hold");
                return nullptr;
            }
            name = ipName(address);
        } else if (isDnsName(text)) {
            name = dnsName(text);
        } else {
            fail(error, "'" + text + "' is neither a host name nor an IP address");
            return nullptr;
        }
        if (!name || sk_GENERAL_NAME_push(all.get(), name.get()) == 0) {
            failInOpenSsl(error, "cannot add '" + text + "' to the subjectAltName");
            return nullptr;
        }
        name.release(); // the stack owns it now
    }
    return all;
}

bool checkCommonName(const std::string& commonName, const char* what, std::string* error)
{
    if (commonName.empty())
        return fail(error, std::string(what) + " is empty");
    if (commonName.size() > kMaxCommonName)
        return fail(error,
            std::string(what) + " is longer than " + std::to_string(kMaxCommonName)
                + " characters, the most a certificate's common name holds");
    return true;
}

bool writePair(X509* certificate, EVP_PKEY* key, PemPair* out, std::string* error)
{
    PemPair pair { certificatePem(certificate), privateKeyPem(key) };
    if (pair.certificatePem.empty() || pair.keyPem.empty())
        return failInOpenSsl(error, "cannot write the certificate as PEM");
    *out = std::move(pair);
    return true;
}

/// The name's CN, or the whole name when it has none (some CAs only set O and OU).
std::string displayName(const X509_NAME* name)
{
    const int index = X509_NAME_get_index_by_NID(name, NID_commonName, -1);
    if (index >= 0) {
        unsigned char* utf8 = nullptr;
        const int length = ASN1_STRING_to_UTF8(
            &utf8, X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index)));
        if (length >= 0) {
            std::string text(reinterpret_cast<const char*>(utf8), static_cast<std::size_t>(length));
            OPENSSL_free(utf8);
            return text;
        }
    }
    const BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253) < 0)
        return {};
    char* data = nullptr;
    const long length = BIO_get_mem_data(bio.get(), &data);
    return length > 0 ? std::string(data, static_cast<std::size_t>(length)) : std::string();
}

bool unixSeconds(const ASN1_TIME* time, std::int64_t* out)
{
    const Asn1TimePtr epoch(ASN1_TIME_set(nullptr, 0));
    int days = 0;
    int seconds = 0;
    if (!epoch || ASN1_TIME_diff(&days, &seconds, epoch.get(), time) != 1)
        return false;
    *out = std::int64_t { days } * 86400 + seconds;
    return true;
}

std::string fingerprint(const X509* certificate)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (X509_digest(certificate, EVP_sha256(), digest, &length) != 1)
        return {};
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string text;
    for (unsigned int i = 0; i < length; ++i) {
        if (i > 0)
            text += ':';
        text += kHex[digest[i] >> 4];
        text += kHex[digest[i] & 0x0f];
    }
    return text;
}

std::vector<std::string> sanNames(const X509* certificate)
{
    std::vector<std::string> names;
    const GeneralNamesPtr all(static_cast<GENERAL_NAMES*>(
        X509_get_ext_d2i(certificate, NID_subject_alt_name, nullptr, nullptr)));
    for (int i = 0; all && i < sk_GENERAL_NAME_num(all.get()); ++i) {
        const GENERAL_NAME* name = sk_GENERAL_NAME_value(all.get(), i);
        if (name->type == GEN_DNS) {
            const ASN1_IA5STRING* dns = name->d.dNSName;
            names.emplace_back(reinterpret_cast<const char*>(ASN1_STRING_get0_data(dns)),
                static_cast<std::size_t>(ASN1_STRING_length(dns)));
        } else if (name->type == GEN_IPADD) {
            const ASN1_OCTET_STRING* ip = name->d.iPAddress;
            const unsigned char* bytes = ASN1_STRING_get0_data(ip);
            if (ASN1_STRING_length(ip) == 4) {
                boost::asio::ip::address_v4::bytes_type v4;
                std::copy_n(bytes, v4.size(), v4.begin());
                names.push_back(boost::asio::ip::address_v4(v4).to_string());
            } else if (ASN1_STRING_length(ip) == 16) {
                boost::asio::ip::address_v6::bytes_type v6;
                std::copy_n(bytes, v6.size(), v6.begin());
                names.push_back(boost::asio::ip::address_v6(v6).to_string());
            }
        }
    }
    return names;
}

} // namespace

bool makeCertificateAuthority(
    const std::string& commonName, int days, PemPair* out, std::string* error)
{
    ERR_clear_error();
    if (!checkCommonName(commonName, "the CA's name", error))
        return false;
    if (days < 1)
        return fail(error, "a certificate authority must be valid for at least one day");

    const EvpPkeyPtr key = makeP256Key();
    if (!key)
        return failInOpenSsl(error, "cannot make a P-256 key");
    const X509Ptr certificate = newCertificate(key.get(), days);
    X509_NAME* name = certificate ? X509_get_subject_name(certificate.get()) : nullptr;
    if (!name || !addNameEntry(name, NID_organizationName, "Tollgate")
        || !addNameEntry(name, NID_commonName, commonName)
        || X509_set_issuer_name(certificate.get(), name) != 1)
        return failInOpenSsl(error, "cannot make the CA certificate");

    // Self-signed: the certificate is its own issuer. pathlen 0 lets it sign
    // server certificates but no intermediate CA, so a leaked key cannot grow
    // a hierarchy under the user's trust.
    X509V3_CTX context {};
    X509V3_set_ctx(&context, certificate.get(), certificate.get(), nullptr, nullptr, 0);
    if (!addExtension(
            certificate.get(), &context, NID_basic_constraints, "critical,CA:TRUE,pathlen:0")
        || !addExtension(certificate.get(), &context, NID_key_usage, "critical,keyCertSign,cRLSign")
        || !addExtension(certificate.get(), &context, NID_subject_key_identifier, "hash"))
        return failInOpenSsl(error, "cannot add the CA certificate's extensions");

    if (X509_sign(certificate.get(), key.get(), EVP_sha256()) <= 0)
        return failInOpenSsl(error, "cannot sign the CA certificate");
    return writePair(certificate.get(), key.get(), out, error);
}

bool makeServerCertificate(const PemPair& ca, const std::vector<std::string>& names, int days,
    PemPair* out, std::string* error)
{
    ERR_clear_error();
    if (names.empty())
        return fail(error, "a server certificate needs at least one name");
    if (!checkCommonName(names.front(), "the first name", error))
        return false;
    if (days < 1)
        return fail(error, "a server certificate must be valid for at least one day");
    const GeneralNamesPtr altNames = subjectAltNames(names, error);
    if (!altNames)
        return false;

    const X509Ptr caCertificate
        = readCertificate(ca.certificatePem, "the CA's certificate PEM", error);
    if (!caCertificate)
        return false;
    const EvpPkeyPtr caKey = readPrivateKey(ca.keyPem, "the CA's key PEM", error);
    if (!caKey)
        return false;
    if (X509_check_private_key(caCertificate.get(), caKey.get()) != 1)
        return fail(error, "the CA key does not match the CA certificate");
    if (X509_check_ca(caCertificate.get()) == 0)
        return fail(error, "the CA certificate is not a certificate authority");

    const EvpPkeyPtr key = makeP256Key();
    if (!key)
        return failInOpenSsl(error, "cannot make a P-256 key");
    const X509Ptr certificate = newCertificate(key.get(), std::min(days, kMaxServerDays));
    X509_NAME* name = certificate ? X509_get_subject_name(certificate.get()) : nullptr;
    if (!name || !addNameEntry(name, NID_commonName, names.front())
        || X509_set_issuer_name(certificate.get(), X509_get_subject_name(caCertificate.get())) != 1)
        return failInOpenSsl(error, "cannot make the server certificate");

    // The issuer in the context is what authorityKeyIdentifier copies its key id from.
    X509V3_CTX context {};
    X509V3_set_ctx(&context, caCertificate.get(), certificate.get(), nullptr, nullptr, 0);
    if (!addExtension(certificate.get(), &context, NID_basic_constraints, "CA:FALSE")
        || !addExtension(certificate.get(), &context, NID_key_usage, "critical,digitalSignature")
        || !addExtension(certificate.get(), &context, NID_ext_key_usage, "serverAuth")
        || !addExtension(certificate.get(), &context, NID_subject_key_identifier, "hash")
        || !addExtension(certificate.get(), &context, NID_authority_key_identifier, "keyid:always")
        || X509_add1_ext_i2d(
               certificate.get(), NID_subject_alt_name, altNames.get(), 0, X509V3_ADD_DEFAULT)
            != 1)
        return failInOpenSsl(error, "cannot add the server certificate's extensions");

    if (X509_sign(certificate.get(), caKey.get(), EVP_sha256()) <= 0)
        return failInOpenSsl(error, "cannot sign the server certificate");
    return writePair(certificate.get(), key.get(), out, error);
}

bool isIssuedBy(const PemPair& pair, const std::string& caCertificatePem, std::string* why)
{
    ERR_clear_error();
    const X509Ptr certificate = readCertificate(pair.certificatePem, "the certificate", why);
    if (!certificate)
        return false;
    const EvpPkeyPtr key = readPrivateKey(pair.keyPem, "the key", why);
    if (!key)
        return false;
    const X509Ptr ca = readCertificate(caCertificatePem, "the CA's certificate", why);
    if (!ca)
        return false;
    if (X509_check_private_key(certificate.get(), key.get()) != 1)
        return fail(why, "the key does not match the certificate");
    EVP_PKEY* caKey = X509_get0_pubkey(ca.get());
    if (!caKey || X509_verify(certificate.get(), caKey) != 1)
        return fail(why, "the certificate was not signed by this CA");
    ERR_clear_error();
    return true;
}

bool readCertificateInfo(
    const std::string& certificatePem, CertificateInfo* out, std::string* error)
{
    const X509Ptr certificate = readCertificate(certificatePem, "the certificate", error);
    if (!certificate)
        return false;
    CertificateInfo info;
    info.subject = displayName(X509_get_subject_name(certificate.get()));
    info.issuer = displayName(X509_get_issuer_name(certificate.get()));
    if (!unixSeconds(X509_get0_notBefore(certificate.get()), &info.notBefore)
        || !unixSeconds(X509_get0_notAfter(certificate.get()), &info.notAfter))
        return failInOpenSsl(error, "the certificate's validity dates cannot be read");
    info.sha256Fingerprint = fingerprint(certificate.get());
    if (info.sha256Fingerprint.empty())
        return failInOpenSsl(error, "cannot compute the certificate's fingerprint");
    info.names = sanNames(certificate.get());
    info.isCa = (X509_get_extension_flags(certificate.get()) & EXFLAG_CA) != 0;
    ERR_clear_error();
    *out = std::move(info);
    return true;
}

} // namespace tollgate::server
