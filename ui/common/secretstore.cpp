#include "ui/common/secretstore.h"

#include "ui/common/logging.h"

#ifdef TOLLGATE_HAVE_KEYCHAIN
#include <qt6keychain/keychain.h>
#endif

namespace tollgate::ui {

SecretStore::SecretStore(QObject* parent)
    : SecretStore(QStringLiteral("Tollgate API keys"), parent)
{
}

SecretStore::SecretStore(const QString& service, QObject* parent)
    : QObject(parent)
    , m_service(service)
{
#ifdef TOLLGATE_HAVE_KEYCHAIN
    // Tests and headless runs have no keychain service; asking one could
    // start a D-Bus daemon or pop a wallet prompt.
    m_keychain = qEnvironmentVariableIsEmpty("TOLLGATE_NO_KEYCHAIN");
    if (!m_keychain)
        m_problem = tr("The OS keychain is turned off (TOLLGATE_NO_KEYCHAIN).");
#else
    m_problem = tr("This build has no OS keychain support (QtKeychain).");
#endif
}

SecretStore::~SecretStore() = default;

void SecretStore::keychainFailed(const QString& problem)
{
    if (!m_keychain)
        return;
    m_keychain = false;
    m_problem = tr("The OS keychain is not available: %1").arg(problem);
    // The composer's key picker shows m_problem; the log keeps the keychain's words
    // for a bug report.
    qCWarning(lcSecrets).noquote() << "the OS keychain failed, secrets stay in memory:" << problem;
}

void SecretStore::store(const QString& keyId, const QString& secret)
{
    if (keyId.isEmpty() || secret.isEmpty())
        return;
    m_secrets.insert(keyId, secret);
    m_asked.insert(keyId, true);
    Q_EMIT secretsChanged();
#ifdef TOLLGATE_HAVE_KEYCHAIN
    if (!m_keychain)
        return;
    auto* job = new QKeychain::WritePasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // a plain-text file is exactly what we avoid
    job->setKey(keyId);
    job->setTextData(secret);
    connect(job, &QKeychain::Job::finished, this, [this](QKeychain::Job* j) {
        if (j->error() != QKeychain::NoError)
            keychainFailed(j->errorString());
    });
    job->start();
#endif
}

void SecretStore::forget(const QString& keyId)
{
    const bool had = m_secrets.remove(keyId) > 0;
    if (had)
        Q_EMIT secretsChanged();
#ifdef TOLLGATE_HAVE_KEYCHAIN
    if (!m_keychain)
        return;
    auto* job = new QKeychain::DeletePasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setKey(keyId);
    job->start();
#endif
}

void SecretStore::load(const QStringList& keyIds)
{
#ifdef TOLLGATE_HAVE_KEYCHAIN
    for (const QString& id : keyIds) {
        if (!m_keychain)
            return;
        if (m_asked.contains(id))
            continue;
        m_asked.insert(id, true);
        auto* job = new QKeychain::ReadPasswordJob(m_service, this);
        job->setAutoDelete(true);
        job->setKey(id);
        connect(job, &QKeychain::Job::finished, this, [this, id](QKeychain::Job* j) {
            const auto* read = static_cast<QKeychain::ReadPasswordJob*>(j);
            if (read->error() == QKeychain::NoError) {
                if (!read->textData().isEmpty() && !m_secrets.contains(id)) {
                    m_secrets.insert(id, read->textData());
                    Q_EMIT secretsChanged();
                }
            } else if (read->error() != QKeychain::EntryNotFound) {
                keychainFailed(read->errorString());
            }
        });
        job->start();
    }
#else
    Q_UNUSED(keyIds)
#endif
}

} // namespace tollgate::ui
