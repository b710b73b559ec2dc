#include "ui/engine/localtls.h"

#include "server/common/files.h"
#include "server/tls/certificates.h"
#include "ui/common/convert.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QSysInfo>

#include <algorithm>

namespace tollgate::ui {

namespace {

constexpr int kAuthorityDays = 3650;
constexpr int kServerDays = 397; // the most browsers accept
// A server certificate this close to its end is made again before serving.
constexpr std::int64_t kRenewSeconds = 30 * 24 * 3600;
constexpr int kMaxCommonName = 64;

const QString kCaCertificate = QStringLiteral("ca.pem");
const QString kCaKey = QStringLiteral("ca.key");
const QString kServerCertificate = QStringLiteral("server.pem");
const QString kServerKey = QStringLiteral("server.key");

bool readWhole(const QString& path, std::string* out, QString* error)
{
    std::string why;
    if (server::readFile(pathFromQt(path), out, &why))
        return true;
    if (error)
        *error = toQt(why);
    return false;
}

// What a certificate can name: an address, or a DNS name of letters, digits,
// '-', '_' and '.' (a host name with anything else is left out, not refused).
bool nameable(const QString& name)
{
    static const QRegularExpression dns(QStringLiteral("^[A-Za-z0-9_.-]{1,253}$"));
    return !QHostAddress(name).isNull() || dns.match(name).hasMatch();
}

QString authorityName()
{
    QString host = QSysInfo::machineHostName();
    QString name = QStringLiteral("Tollgate Local CA");
    if (!host.isEmpty())
        name += QStringLiteral(" (%1)").arg(host);
    if (name.size() > kMaxCommonName)
        name = name.left(kMaxCommonName - 1) + QLatin1Char(')');
    return name;
}

} // namespace

QString LocalTls::defaultDirectory()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("tls"));
}

LocalTls::LocalTls(QString directory)
    : m_directory(std::move(directory))
{
}

QString LocalTls::authorityFile() const
{
    return QDir(m_directory).filePath(kCaCertificate);
}

QStringList LocalTls::loopbackNames()
{
    return { QStringLiteral("localhost"), QStringLiteral("127.0.0.1"), QStringLiteral("::1") };
}

std::int64_t LocalTls::now() const
{
    return m_now > 0 ? m_now : QDateTime::currentSecsSinceEpoch();
}

bool LocalTls::hasAuthority() const
{
    const QDir dir(m_directory);
    return QFileInfo::exists(dir.filePath(kCaCertificate)) && QFileInfo::exists(dir.filePath(kCaKey));
}

bool LocalTls::makeDirectory(QString* error) const
{
    if (!QDir().mkpath(m_directory)) {
        *error = tr("Cannot create the folder %1.").arg(QDir::toNativeSeparators(m_directory));
        return false;
    }
    // Only the user may list or enter it: it holds private keys.
    QFile::setPermissions(
        m_directory, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadUser
            | QFile::WriteUser | QFile::ExeUser);
    return true;
}

bool LocalTls::readAuthority(std::string* certificate, std::string* key, QString* error) const
{
    const QDir dir(m_directory);
    QString why;
    server::CertificateInfo info;
    std::string problem;
    if (!readWhole(dir.filePath(kCaCertificate), certificate, &why)
        || !readWhole(dir.filePath(kCaKey), key, &why)) {
        *error = tr("The local certificate authority in %1 cannot be read: %2")
                     .arg(QDir::toNativeSeparators(m_directory), why);
        return false;
    }
    if (!server::readCertificateInfo(*certificate, &info, &problem) || !info.isCa) {
        *error = tr("The local certificate authority in %1 is damaged (%2). Move the folder "
                    "away to have a new one made; anything that trusts the old one must then "
                    "trust the new one instead.")
                     .arg(QDir::toNativeSeparators(m_directory),
                         problem.empty() ? tr("ca.pem is not a CA certificate") : toQt(problem));
        return false;
    }
    return true;
}

bool LocalTls::ensureAuthority(QString* error)
{
    QString ignored;
    if (!error)
        error = &ignored;
    if (hasAuthority()) {
        std::string certificate;
        std::string key;
        return readAuthority(&certificate, &key, error);
    }
    // Half a CA (a key without its certificate, or the other way round) is
    // not replaced either: the certificate may be trusted somewhere.
    const QDir existing(m_directory);
    if (QFileInfo::exists(existing.filePath(kCaCertificate))
        || QFileInfo::exists(existing.filePath(kCaKey))) {
        *error = tr("The local certificate authority in %1 is incomplete (ca.pem and ca.key "
                    "belong together). Move the folder away to have a new one made.")
                     .arg(QDir::toNativeSeparators(m_directory));
        return false;
    }
    if (!makeDirectory(error))
        return false;
    server::PemPair ca;
    std::string why;
    if (!server::makeCertificateAuthority(toStd(authorityName()), kAuthorityDays, &ca, &why)) {
        *error = tr("Cannot make a certificate authority: %1").arg(toQt(why));
        return false;
    }
    const QDir dir(m_directory);
    // The key first: a CA certificate without its key would be of no use,
    // and one that exists is never replaced.
    if (!server::writePrivateFileAtomic(pathFromQt(dir.filePath(kCaKey)), ca.keyPem, &why)
        || !server::writeFileAtomic(pathFromQt(dir.filePath(kCaCertificate)), ca.certificatePem,
            &why)) {
        *error = tr("Cannot save the certificate authority: %1").arg(toQt(why));
        return false;
    }
    // A server certificate from an earlier CA is of no use now.
    m_serverCertificate.clear();
    m_serverKey.clear();
    return true;
}

bool LocalTls::serverIsGood(const std::string& caPem, const QStringList& names) const
{
    const QDir dir(m_directory);
    server::PemPair pair;
    if (!readWhole(dir.filePath(kServerCertificate), &pair.certificatePem, nullptr)
        || !readWhole(dir.filePath(kServerKey), &pair.keyPem, nullptr))
        return false;
    std::string why;
    server::CertificateInfo info;
    if (!server::isIssuedBy(pair, caPem, &why) || !server::readCertificateInfo(pair.certificatePem, &info, &why))
        return false;
    if (info.notAfter - now() < kRenewSeconds || info.notBefore > now() + 3600)
        return false;
    for (const QString& name : names) {
        // Addresses are compared as addresses (::1 may be written 0:0:...:1).
        const QHostAddress address(name);
        const bool covered = std::any_of(info.names.begin(), info.names.end(),
            [&](const std::string& n) {
                const QString have = toQt(n);
                return address.isNull() ? have.compare(name, Qt::CaseInsensitive) == 0
                                        : QHostAddress(have) == address;
            });
        if (!covered)
            return false;
    }
    return true;
}

bool LocalTls::ensure(const QStringList& extra, QString* error)
{
    QString ignored;
    if (!error)
        error = &ignored;
    if (!ensureAuthority(error))
        return false;
    server::PemPair ca;
    if (!readAuthority(&ca.certificatePem, &ca.keyPem, error))
        return false;

    QStringList names = loopbackNames();
    for (const QString& name : extra) {
        if (nameable(name) && !names.contains(name, Qt::CaseInsensitive))
            names << name;
    }
    const QDir dir(m_directory);
    if (!serverIsGood(ca.certificatePem, names)) {
        server::PemPair made;
        std::string why;
        std::vector<std::string> wanted;
        for (const QString& name : names)
            wanted.push_back(toStd(name));
        if (!server::makeServerCertificate(ca, wanted, kServerDays, &made, &why)) {
            *error = tr("Cannot make a server certificate: %1").arg(toQt(why));
            return false;
        }
        // The key first: a new key with the old certificate fails the
        // check above next time and both are made again.
        if (!makeDirectory(error))
            return false;
        if (!server::writePrivateFileAtomic(pathFromQt(dir.filePath(kServerKey)), made.keyPem, &why)
            || !server::writeFileAtomic(
                pathFromQt(dir.filePath(kServerCertificate)), made.certificatePem, &why)) {
            *error = tr("Cannot save the server certificate: %1").arg(toQt(why));
            return false;
        }
        m_serverCertificate = std::move(made.certificatePem);
        m_serverKey = std::move(made.keyPem);
        return true;
    }
    QString why;
    if (!readWhole(dir.filePath(kServerCertificate), &m_serverCertificate, &why)
        || !readWhole(dir.filePath(kServerKey), &m_serverKey, &why)) {
        *error = tr("Cannot read the server certificate: %1").arg(why);
        return false;
    }
    return true;
}

QByteArray LocalTls::authorityPem() const
{
    std::string pem;
    if (!hasAuthority() || !readWhole(authorityFile(), &pem, nullptr))
        return {};
    return QByteArray::fromStdString(pem);
}

QString LocalTls::authoritySummary() const
{
    const QByteArray pem = authorityPem();
    server::CertificateInfo info;
    std::string why;
    if (pem.isEmpty() || !server::readCertificateInfo(pem.toStdString(), &info, &why))
        return {};
    return tr("%1, valid until %2\nSHA-256 %3")
        .arg(toQt(info.subject),
            QDateTime::fromSecsSinceEpoch(info.notAfter).date().toString(Qt::ISODate),
            toQt(info.sha256Fingerprint));
}

bool LocalTls::exportAuthority(const QString& file, QString* error)
{
    QString ignored;
    if (!error)
        error = &ignored;
    if (!ensureAuthority(error))
        return false;
    const QByteArray pem = authorityPem();
    if (pem.isEmpty()) {
        *error = tr("The local certificate authority cannot be read.");
        return false;
    }
    std::string why;
    if (!server::writeFileAtomic(pathFromQt(file), pem.toStdString(), &why)) {
        *error = tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(file), toQt(why));
        return false;
    }
    return true;
}

} // namespace tollgate::ui
