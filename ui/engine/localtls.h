#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <string>

namespace tollgate::ui {

/// The app's own certificate authority and the server certificate it signs,
/// for serving HTTPS from the embedded server: made on request (the first time
/// HTTPS is switched on, or the CA is exported), kept in one folder of the
/// user's app data, private keys readable by the user alone.
///
/// - ca.pem, ca.key: a CA valid for ten years, signing server certificates
///   only (pathlen 0). Never replaced by the app once made: a user may have
///   trusted it. An unreadable one is an error, not a reason to make another.
/// - server.pem, server.key: a server certificate for localhost, 127.0.0.1,
///   ::1 and the names asked for, made again when it is missing, unreadable,
///   not issued by the CA, short of a name, or within 30 days of expiry.
///
/// Key files are written 0600, the folder is made 0700; each file is written
/// whole or not at all (a crash leaves the old content).
class LocalTls final {
    Q_DECLARE_TR_FUNCTIONS(tollgate::ui::LocalTls)

public:
    /// The folder under the app's data location (AppDataLocation/tls).
    static QString defaultDirectory();
    explicit LocalTls(QString directory = defaultDirectory());

    const QString& directory() const { return m_directory; }
    /// The CA's certificate file (whether or not it exists yet).
    QString authorityFile() const;

    /// Both CA files exist (they may still be unreadable: ensure() says).
    bool hasAuthority() const;
    /// Makes the CA when there is none. False with a message for the user.
    bool ensureAuthority(QString* error);
    /// ensureAuthority(), then a server certificate covering localhost,
    /// 127.0.0.1, ::1 and `names` unless a good one is there. After it,
    /// serverCertificatePem() and serverKeyPem() hold what to serve.
    bool ensure(const QStringList& names, QString* error);

    /// The CA certificate's PEM; empty when there is none or it cannot be read.
    QByteArray authorityPem() const;
    /// What the CA certificate says, for the UI ("" when none): its name and
    /// SHA-256 fingerprint.
    QString authoritySummary() const;
    /// Writes the CA certificate (never its key) to `file`, making the CA first
    /// when there is none.
    bool exportAuthority(const QString& file, QString* error);

    const std::string& serverCertificatePem() const { return m_serverCertificate; }
    const std::string& serverKeyPem() const { return m_serverKey; }

    /// The names a server certificate is made for besides `extra`.
    static QStringList loopbackNames();
    /// Seconds since the epoch, for tests that age certificates.
    void setNow(std::int64_t seconds) { m_now = seconds; }

private:
    bool readAuthority(std::string* certificate, std::string* key, QString* error) const;
    bool serverIsGood(const std::string& caPem, const QStringList& names) const;
    std::int64_t now() const;
    bool makeDirectory(QString* error) const;

    QString m_directory;
    std::string m_serverCertificate;
    std::string m_serverKey;
    std::int64_t m_now = 0;
};

} // namespace tollgate::ui
