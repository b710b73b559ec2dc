// HTTPS certificates and contexts: the local CA and the server certificates it
// signs (their extensions as OpenSSL and X509_verify_cert read them), what
// readCertificateInfo reports, the errors for keys, PEM and files that do not
// fit, and real handshakes: Debian's `openssl s_client` (verification, ALPN,
// resumption) and Asio clients using makeClientTlsContext.

#include "server/tls/certificates.h"
#include "server/tls/tlscontext.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/write.hpp>

#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <memory>
#include <string>
#include <thread>

using namespace tollgate::server;
namespace asio = boost::asio;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;

namespace {

template <auto Free> struct OpenSslFree {
    template <typename T> void operator()(T* object) const noexcept { Free(object); }
};
using BioPtr = std::unique_ptr<BIO, OpenSslFree<&BIO_free_all>>;
using X509Ptr = std::unique_ptr<X509, OpenSslFree<&X509_free>>;
using StorePtr = std::unique_ptr<X509_STORE, OpenSslFree<&X509_STORE_free>>;
using StoreContextPtr = std::unique_ptr<X509_STORE_CTX, OpenSslFree<&X509_STORE_CTX_free>>;
using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, OpenSslFree<&EVP_PKEY_free>>;

constexpr int kDay = 86400;
const std::string kHello = "hello\n";

X509Ptr parseCertificate(const std::string& pem)
{
    const BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    return X509Ptr(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
}

bool isCritical(X509* certificate, int nid)
{
    const int index = X509_get_ext_by_NID(certificate, nid, -1);
    return index >= 0 && X509_EXTENSION_get_critical(X509_get_ext(certificate, index)) == 1;
}

/// X509_verify_cert of `leaf` for a TLS server against `caPem` as the only
/// anchor, optionally for a host name or an IP address: X509_V_OK or why not.
int verifyAgainst(const std::string& caPem, const std::string& leafPem, const char* host = nullptr,
    const char* ip = nullptr)
{
    const X509Ptr ca = parseCertificate(caPem);
    const X509Ptr leaf = parseCertificate(leafPem);
    const StorePtr store(X509_STORE_new());
    const StoreContextPtr context(X509_STORE_CTX_new());
    if (!ca || !leaf || !store || !context || X509_STORE_add_cert(store.get(), ca.get()) != 1
        || X509_STORE_CTX_init(context.get(), store.get(), leaf.get(), nullptr) != 1)
        return -1;
    X509_STORE_CTX_set_purpose(context.get(), X509_PURPOSE_SSL_SERVER);
    X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(context.get());
    if (host)
        X509_VERIFY_PARAM_set1_host(param, host, 0);
    if (ip)
        X509_VERIFY_PARAM_set1_ip_asc(param, ip);
    return X509_verify_cert(context.get()) == 1 ? X509_V_OK
                                                : X509_STORE_CTX_get_error(context.get());
}

/// `keyPem` encrypted with a passphrase, as `openssl pkey -aes256` writes it.
std::string encryptedKey(const std::string& keyPem)
{
    const BioPtr in(BIO_new_mem_buf(keyPem.data(), static_cast<int>(keyPem.size())));
    const EvpPkeyPtr key(PEM_read_bio_PrivateKey(in.get(), nullptr, nullptr, nullptr));
    const BioPtr out(BIO_new(BIO_s_mem()));
    static char passphrase[] = "secret";
    if (!key
        || PEM_write_bio_PrivateKey(
               out.get(), key.get(), EVP_aes_256_cbc(), nullptr, 0, nullptr, passphrase)
            != 1)
        return {};
    char* data = nullptr;
    const long length = BIO_get_mem_data(out.get(), &data);
    return std::string(data, static_cast<std::size_t>(length));
}

bool writeFile(const QString& path, const std::string& content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly)
        && file.write(content.data(), static_cast<qint64>(content.size()))
        == static_cast<qint64>(content.size());
}

/// A TLS server on an ephemeral loopback port and a thread of its own: each
/// connection is handshaken, sent "hello\n" and closed with close_notify.
class TinyTlsServer {
public:
    explicit TinyTlsServer(std::shared_ptr<ssl::context> context)
        : m_context(std::move(context))
        , m_acceptor(m_io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0))
        , m_port(m_acceptor.local_endpoint().port())
    {
        accept();
        m_thread = std::thread([this] { m_io.run(); });
    }
    ~TinyTlsServer()
    {
        m_io.stop();
        m_thread.join();
    }

    quint16 port() const { return m_port; }
    int handshakes() const { return m_handshakes; }
    int resumed() const { return m_resumed; }

private:
    void accept()
    {
        m_acceptor.async_accept([this](boost::system::error_code acceptError, tcp::socket socket) {
            if (acceptError)
                return;
            auto stream = std::make_shared<ssl::stream<tcp::socket>>(std::move(socket), *m_context);
            stream->async_handshake(
                ssl::stream_base::server, [this, stream](boost::system::error_code ec) {
                    if (ec)
                        return;
                    if (SSL_session_reused(stream->native_handle()))
                        ++m_resumed;
                    ++m_handshakes;
                    asio::async_write(*stream, asio::buffer(kHello),
                        [stream](boost::system::error_code, std::size_t) {
                            stream->async_shutdown([stream](boost::system::error_code) {});
                        });
                });
            accept();
        });
    }

    std::shared_ptr<ssl::context> m_context;
    asio::io_context m_io;
    tcp::acceptor m_acceptor;
    quint16 m_port;
    std::atomic<int> m_handshakes { 0 };
    std::atomic<int> m_resumed { 0 };
    std::thread m_thread;
};

/// What an in-process client saw of one connection.
struct ClientResult {
    boost::system::error_code handshake;
    long verifyResult = X509_V_OK;
    std::string alpn;
    std::string received;
};

/// Connects to 127.0.0.1:port asking for "localhost" (SNI and host check),
/// handshakes with `context` and reads until the server closes.
ClientResult connectWith(ssl::context& context, quint16 port)
{
    ClientResult result;
    asio::io_context io;
    ssl::stream<tcp::socket> stream(io, context);
    SSL_set_tlsext_host_name(stream.native_handle(), "localhost");
    SSL_set1_host(stream.native_handle(), "localhost");
    stream.next_layer().connect(
        tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), result.handshake);
    if (result.handshake)
        return result;
    stream.handshake(ssl::stream_base::client, result.handshake);
    result.verifyResult = SSL_get_verify_result(stream.native_handle());
    if (result.handshake)
        return result;
    const unsigned char* alpn = nullptr;
    unsigned int alpnLength = 0;
    SSL_get0_alpn_selected(stream.native_handle(), &alpn, &alpnLength);
    result.alpn.assign(reinterpret_cast<const char*>(alpn), alpnLength);
    boost::system::error_code ignored;
    asio::read(stream, asio::dynamic_buffer(result.received), ignored);
    stream.shutdown(ignored);
    return result;
}

} // namespace

class TestTlsCertificates : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_caFile;
    PemPair m_ca;
    PemPair m_otherCa;
    PemPair m_server; ///< localhost, 127.0.0.1, ::1, signed by m_ca
    PemPair m_otherServer; ///< also signed by m_ca, another key
    std::shared_ptr<ssl::context> m_serverContext; ///< m_server's, for the handshakes

    QString path(const char* name) const { return m_dir.filePath(QString::fromLatin1(name)); }

    /// `openssl s_client` against 127.0.0.1:port trusting m_ca, asking for
    /// localhost; -ign_eof keeps it reading until the server closes, so it has
    /// seen the TLS 1.3 session tickets by then. Its whole output.
    QString sClient(quint16 port, const QStringList& more)
    {
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        QStringList arguments { QStringLiteral("s_client"), QStringLiteral("-connect"),
            QStringLiteral("127.0.0.1:%1").arg(port), QStringLiteral("-CAfile"), m_caFile,
            QStringLiteral("-verify_return_error"), QStringLiteral("-servername"),
            QStringLiteral("localhost"), QStringLiteral("-ign_eof") };
        process.start(QStringLiteral("/usr/bin/openssl"), arguments + more);
        if (!process.waitForStarted())
            return QStringLiteral("(openssl did not start)");
        process.closeWriteChannel();
        if (!process.waitForFinished(60000))
            process.kill();
        return QString::fromLocal8Bit(process.readAll());
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        std::string error;
        QVERIFY2(makeCertificateAuthority("Tollgate Test CA", 3650, &m_ca, &error), error.c_str());
        QVERIFY2(makeCertificateAuthority("Another CA", 3650, &m_otherCa, &error), error.c_str());
        QVERIFY2(
            makeServerCertificate(m_ca, { "localhost", "127.0.0.1", "::1" }, 30, &m_server, &error),
            error.c_str());
        QVERIFY2(makeServerCertificate(m_ca, { "localhost" }, 30, &m_otherServer, &error),
            error.c_str());
        m_serverContext = makeServerTlsContext(m_server.certificatePem, m_server.keyPem, &error);
        QVERIFY2(m_serverContext, error.c_str());
        m_caFile = path("ca.pem");
        QVERIFY(writeFile(m_caFile, m_ca.certificatePem));
    }

    void certificateAuthority()
    {
        QVERIFY(m_ca.keyPem.starts_with("-----BEGIN PRIVATE KEY-----"));
        CertificateInfo info;
        std::string error;
        QVERIFY2(readCertificateInfo(m_ca.certificatePem, &info, &error), error.c_str());
        QVERIFY(info.isCa);
        QCOMPARE(info.subject, std::string("Tollgate Test CA"));
        QCOMPARE(info.issuer, std::string("Tollgate Test CA"));
        QVERIFY(info.names.empty());
        const std::int64_t now = QDateTime::currentSecsSinceEpoch();
        QVERIFY(info.notBefore <= now - 3600 + 5 && info.notBefore >= now - 3600 - 60);
        QCOMPARE(info.notAfter - info.notBefore, std::int64_t { 3650 } * kDay);

        const X509Ptr ca = parseCertificate(m_ca.certificatePem);
        QVERIFY(ca);
        QCOMPARE(X509_get_pathlen(ca.get()), 0L);
        QVERIFY(isCritical(ca.get(), NID_basic_constraints));
        QCOMPARE(X509_get_key_usage(ca.get()), std::uint32_t { KU_KEY_CERT_SIGN | KU_CRL_SIGN });
        QVERIFY(isCritical(ca.get(), NID_key_usage));
        QVERIFY(X509_get0_subject_key_id(ca.get()) != nullptr);
        QCOMPARE(X509_get_signature_nid(ca.get()), NID_ecdsa_with_SHA256);
        char group[64] = {};
        QVERIFY(EVP_PKEY_get_group_name(X509_get0_pubkey(ca.get()), group, sizeof group, nullptr));
        QCOMPARE(QByteArray(group), QByteArray("prime256v1"));
        const int organisation
            = X509_NAME_get_index_by_NID(X509_get_subject_name(ca.get()), NID_organizationName, -1);
        QVERIFY(organisation >= 0);

        // A positive serial of up to 128 random bits, different each time.
        const ASN1_INTEGER* serial = X509_get0_serialNumber(ca.get());
        const auto bits = [](const ASN1_INTEGER* integer) {
            BIGNUM* number = ASN1_INTEGER_to_BN(integer, nullptr);
            const int count = BN_is_negative(number) ? -1 : BN_num_bits(number);
            BN_free(number);
            return count;
        };
        QVERIFY(bits(serial) > 64 && bits(serial) <= 128);
        const X509Ptr other = parseCertificate(m_otherCa.certificatePem);
        QVERIFY(ASN1_INTEGER_cmp(serial, X509_get0_serialNumber(other.get())) != 0);

        // The fingerprint is SHA-256 over the DER, as browsers show it.
        unsigned char* der = nullptr;
        const int length = i2d_X509(ca.get(), &der);
        const QByteArray expected = QCryptographicHash::hash(
            QByteArray(reinterpret_cast<const char*>(der), length), QCryptographicHash::Sha256)
                                        .toHex(':')
                                        .toUpper();
        OPENSSL_free(der);
        QCOMPARE(QByteArray::fromStdString(info.sha256Fingerprint), expected);
    }

    void certificateAuthorityRefusals()
    {
        PemPair pair;
        std::string error;
        QVERIFY(!makeCertificateAuthority("", 365, &pair, &error));
        QVERIFY(!error.empty());
        error.clear();
        QVERIFY(!makeCertificateAuthority("CA", 0, &pair, &error));
        QVERIFY(!error.empty());
        error.clear();
        QVERIFY(!makeCertificateAuthority(std::string(65, 'c'), 365, &pair, &error));
        QVERIFY2(error.find("64") != std::string::npos, error.c_str());
        QVERIFY(pair.certificatePem.empty());
    }

    void serverCertificate()
    {
        CertificateInfo info;
        std::string error;
        QVERIFY2(readCertificateInfo(m_server.certificatePem, &info, &error), error.c_str());
        QVERIFY(!info.isCa);
        QCOMPARE(info.subject, std::string("localhost"));
        QCOMPARE(info.issuer, std::string("Tollgate Test CA"));
        QCOMPARE(info.names, (std::vector<std::string> { "localhost", "127.0.0.1", "::1" }));
        QCOMPARE(info.notAfter - info.notBefore, std::int64_t { 30 } * kDay);

        const X509Ptr server = parseCertificate(m_server.certificatePem);
        const X509Ptr ca = parseCertificate(m_ca.certificatePem);
        QCOMPARE(X509_check_host(server.get(), "localhost", 0, 0, nullptr), 1);
        QCOMPARE(X509_check_ip_asc(server.get(), "127.0.0.1", 0), 1);
        QCOMPARE(X509_check_ip_asc(server.get(), "::1", 0), 1);
        // "127.0.0.1" is an IP SAN, not a DNS name that happens to look like one.
        QCOMPARE(X509_check_host(server.get(), "127.0.0.1", 0, 0, nullptr), 0);
        QCOMPARE(X509_get_key_usage(server.get()), std::uint32_t { KU_DIGITAL_SIGNATURE });
        QVERIFY(X509_get_extended_key_usage(server.get()) & XKU_SSL_SERVER);
        QVERIFY(X509_get_extension_flags(server.get()) & EXFLAG_BCONS);
        QCOMPARE(X509_get_signature_nid(server.get()), NID_ecdsa_with_SHA256);
        QCOMPARE(ASN1_OCTET_STRING_cmp(
                     X509_get0_authority_key_id(server.get()), X509_get0_subject_key_id(ca.get())),
            0);

        // Longer than browsers accept is cut to 397 days.
        PemPair longLived;
        QVERIFY2(makeServerCertificate(m_ca, { "example.test" }, 1000, &longLived, &error),
            error.c_str());
        QVERIFY(readCertificateInfo(longLived.certificatePem, &info, &error));
        QCOMPARE(info.notAfter - info.notBefore, std::int64_t { 397 } * kDay);
    }

    void serverCertificateVerifiesAgainstItsCa()
    {
        QCOMPARE(verifyAgainst(m_ca.certificatePem, m_server.certificatePem), X509_V_OK);
        QCOMPARE(
            verifyAgainst(m_ca.certificatePem, m_server.certificatePem, "localhost"), X509_V_OK);
        QCOMPARE(verifyAgainst(m_ca.certificatePem, m_server.certificatePem, nullptr, "127.0.0.1"),
            X509_V_OK);
        QCOMPARE(verifyAgainst(m_ca.certificatePem, m_server.certificatePem, "example.com"),
            X509_V_ERR_HOSTNAME_MISMATCH);
    }

    void serverCertificateFailsAgainstAnotherCa()
    {
        QCOMPARE(verifyAgainst(m_otherCa.certificatePem, m_server.certificatePem),
            X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
    }

    void serverCertificateRefusals()
    {
        PemPair pair;
        std::string error;
        QVERIFY(!makeServerCertificate(m_ca, {}, 30, &pair, &error));
        QVERIFY(!error.empty());
        QVERIFY(
            !makeServerCertificate(m_ca, { "localhost", "bad name,DNS:evil" }, 30, &pair, &error));
        QVERIFY2(error.find("'bad name,DNS:evil'") != std::string::npos, error.c_str());
        QVERIFY(!makeServerCertificate(m_ca, { "fe80::1%1" }, 30, &pair, &error));
        QVERIFY2(error.find("fe80::1%1") != std::string::npos, error.c_str());
        const PemPair wrongKey { m_ca.certificatePem, m_otherCa.keyPem };
        QVERIFY(!makeServerCertificate(wrongKey, { "localhost" }, 30, &pair, &error));
        QVERIFY2(error.find("does not match") != std::string::npos, error.c_str());
        QVERIFY(!makeServerCertificate(m_server, { "localhost" }, 30, &pair, &error));
        QVERIFY2(error.find("not a certificate authority") != std::string::npos, error.c_str());
        QVERIFY(pair.certificatePem.empty());
        // Brackets as URLs write IPv6, and a wildcard.
        QVERIFY2(makeServerCertificate(m_ca, { "*.example.test", "[::1]" }, 30, &pair, &error),
            error.c_str());
        CertificateInfo info;
        QVERIFY(readCertificateInfo(pair.certificatePem, &info, &error));
        QCOMPARE(info.names, (std::vector<std::string> { "*.example.test", "::1" }));
    }

    void serverContext()
    {
        std::string error;
        const auto context = makeServerTlsContext(m_server.certificatePem, m_server.keyPem, &error);
        QVERIFY2(context, error.c_str());
        QCOMPARE(SSL_CTX_get_min_proto_version(context->native_handle()), TLS1_2_VERSION);
        QCOMPARE(SSL_CTX_get_max_proto_version(context->native_handle()), TLS1_3_VERSION);
        // Leaf first, then the issuer, is a chain.
        QVERIFY2(makeServerTlsContext(
                     m_server.certificatePem + m_ca.certificatePem, m_server.keyPem, &error),
            error.c_str());
    }

    void serverContextRejectsMismatchedKey()
    {
        std::string error;
        QVERIFY(!makeServerTlsContext(m_server.certificatePem, m_otherServer.keyPem, &error));
        QCOMPARE(error, std::string("the key does not match the certificate"));
        // The issuer first: the key is the second certificate's.
        QVERIFY(!makeServerTlsContext(
            m_ca.certificatePem + m_server.certificatePem, m_server.keyPem, &error));
        QVERIFY2(error.find("certificate 2") != std::string::npos, error.c_str());
    }

    void serverContextRejectsGarbage()
    {
        std::string error;
        QVERIFY(!makeServerTlsContext("not a certificate", m_server.keyPem, &error));
        QCOMPARE(error, std::string("no certificate in the certificate chain"));
        QVERIFY(!makeServerTlsContext(m_server.certificatePem, "not a key", &error));
        QCOMPARE(error, std::string("no private key in the key PEM"));
        const std::string damaged
            = "-----BEGIN CERTIFICATE-----\nMIIB!!!!\n-----END CERTIFICATE-----\n";
        QVERIFY(!makeServerTlsContext(damaged, m_server.keyPem, &error));
        QVERIFY2(error.find("damaged") != std::string::npos, error.c_str());
        QVERIFY2(error.find("error:") != std::string::npos, error.c_str()); // OpenSSL's reason
        QVERIFY(
            !makeServerTlsContext(m_server.certificatePem, encryptedKey(m_server.keyPem), &error));
        QVERIFY2(error.find("encrypted") != std::string::npos, error.c_str());
    }

    void fromFilesErrorsNameTheFile()
    {
        const QString cert = path("server.pem");
        const QString key = path("server.key");
        const QString otherKey = path("other.key");
        const QString both = path("both.pem");
        QVERIFY(writeFile(cert, m_server.certificatePem));
        QVERIFY(writeFile(key, m_server.keyPem));
        QVERIFY(writeFile(otherKey, m_otherServer.keyPem));
        QVERIFY(writeFile(both, m_server.certificatePem + m_server.keyPem));
        const auto contains = [](const std::string& text, const QString& part) {
            return text.find(part.toStdString()) != std::string::npos;
        };
        std::string error;

        QVERIFY2(makeServerTlsContextFromFiles(cert.toStdString(), key.toStdString(), &error),
            error.c_str());
        QVERIFY2(makeServerTlsContextFromFiles(both.toStdString(), both.toStdString(), &error),
            error.c_str());

        const QString missing = path("missing.pem");
        QVERIFY(!makeServerTlsContextFromFiles(missing.toStdString(), key.toStdString(), &error));
        QVERIFY2(contains(error, missing) && contains(error, QStringLiteral("No such file")),
            error.c_str());
        QVERIFY(!makeServerTlsContextFromFiles(cert.toStdString(), missing.toStdString(), &error));
        QVERIFY2(contains(error, missing), error.c_str());

        QVERIFY(!makeServerTlsContextFromFiles(key.toStdString(), key.toStdString(), &error));
        QVERIFY2(contains(error, QStringLiteral("no certificate in ") + key), error.c_str());
        QVERIFY(!makeServerTlsContextFromFiles(cert.toStdString(), cert.toStdString(), &error));
        QVERIFY2(contains(error, QStringLiteral("no private key in ") + cert)
                && contains(error, QStringLiteral("holds a certificate")),
            error.c_str());

        QVERIFY(!makeServerTlsContextFromFiles(cert.toStdString(), otherKey.toStdString(), &error));
        QVERIFY2(contains(error, otherKey) && contains(error, cert)
                && contains(error, QStringLiteral("does not match")),
            error.c_str());

        QVERIFY(
            !makeServerTlsContextFromFiles(m_dir.path().toStdString(), key.toStdString(), &error));
        QVERIFY2(contains(error, m_dir.path()), error.c_str());
    }

    void openSslClientHandshake()
    {
        if (!QFile::exists(QStringLiteral("/usr/bin/openssl")))
            QSKIP("/usr/bin/openssl is not installed");
        TinyTlsServer server(m_serverContext);
        const QString output = sClient(server.port(),
            { QStringLiteral("-alpn"), QStringLiteral("http/1.1"),
                QStringLiteral("-verify_hostname"), QStringLiteral("localhost") });
        QVERIFY2(output.contains(QStringLiteral("Verify return code: 0 (ok)")), qPrintable(output));
        QVERIFY2(output.contains(QStringLiteral("ALPN protocol: http/1.1")), qPrintable(output));
        QVERIFY2(output.contains(QStringLiteral("hello")), qPrintable(output));
        QCOMPARE(server.handshakes(), 1);
    }

    void openSslClientOfferingOnlyH2()
    {
        if (!QFile::exists(QStringLiteral("/usr/bin/openssl")))
            QSKIP("/usr/bin/openssl is not installed");
        TinyTlsServer server(m_serverContext);
        const QString output
            = sClient(server.port(), { QStringLiteral("-alpn"), QStringLiteral("h2") });
        QVERIFY2(output.contains(QStringLiteral("Verify return code: 0 (ok)")), qPrintable(output));
        QVERIFY2(output.contains(QStringLiteral("No ALPN negotiated")), qPrintable(output));
        QCOMPARE(server.handshakes(), 1);
    }

    void sessionResumption_data()
    {
        QTest::addColumn<QString>("version");
        QTest::newRow("TLS 1.3") << QStringLiteral("-tls1_3");
        QTest::newRow("TLS 1.2") << QStringLiteral("-tls1_2");
    }

    void sessionResumption()
    {
        if (!QFile::exists(QStringLiteral("/usr/bin/openssl")))
            QSKIP("/usr/bin/openssl is not installed");
        QFETCH(QString, version);
        std::string error;
        TinyTlsServer server(m_serverContext);
        const QString session = path("session.pem");
        QFile::remove(session);
        const QString first
            = sClient(server.port(), { version, QStringLiteral("-sess_out"), session });
        QVERIFY2(first.contains(QStringLiteral("New, TLSv1.")), qPrintable(first));
        QVERIFY2(QFile::exists(session), qPrintable(first));
        const QString second
            = sClient(server.port(), { version, QStringLiteral("-sess_in"), session });
        QVERIFY2(second.contains(QStringLiteral("Reused, TLSv1.")), qPrintable(second));
        QCOMPARE(server.handshakes(), 2);
        QCOMPARE(server.resumed(), 1);
    }

    void clientContextTrustingTheCa()
    {
        std::string error;
        TinyTlsServer server(m_serverContext);
        const auto client = makeClientTlsContext(m_ca.certificatePem, &error);
        QVERIFY2(client, error.c_str());
        const ClientResult result = connectWith(*client, server.port());
        QVERIFY2(!result.handshake, result.handshake.message().c_str());
        QCOMPARE(result.verifyResult, long { X509_V_OK });
        QCOMPARE(result.alpn, std::string("http/1.1"));
        QCOMPARE(result.received, kHello);
    }

    void clientContextTrustingAnotherCaFails()
    {
        std::string error;
        TinyTlsServer server(m_serverContext);
        const auto client = makeClientTlsContext(m_otherCa.certificatePem, &error);
        QVERIFY2(client, error.c_str());
        const ClientResult result = connectWith(*client, server.port());
        QVERIFY(result.handshake);
        QVERIFY2(result.handshake.message().find("certificate verify failed") != std::string::npos,
            result.handshake.message().c_str());
        QCOMPARE(result.verifyResult, long { X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY });
        QCOMPARE(server.handshakes(), 0);
    }

    void oldProtocolsRefused()
    {
        std::string error;
        TinyTlsServer server(m_serverContext);
        // A client that would speak TLS 1.1 (security level 0 lets it): the
        // server's protocol_version alert, not the client's own refusal.
        ssl::context old(ssl::context::tls_client);
        SSL_CTX_set_security_level(old.native_handle(), 0);
        SSL_CTX_set_min_proto_version(old.native_handle(), TLS1_1_VERSION);
        SSL_CTX_set_max_proto_version(old.native_handle(), TLS1_1_VERSION);
        const ClientResult result = connectWith(old, server.port());
        QVERIFY(result.handshake);
        QVERIFY2(result.handshake.message().find("protocol version") != std::string::npos,
            result.handshake.message().c_str());
        QVERIFY(!makeClientTlsContext("no CA here", &error));
        QCOMPARE(error, std::string("no certificate in the CA PEM"));
    }
};

QTEST_GUILESS_MAIN(TestTlsCertificates)
#include "tst_tlscertificates.moc"
