#pragma once

#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>

namespace tollgate::ui {

/// The secrets of workspace keys this app created or rotated, so the composer
/// can offer them ("Use key: ci-bot (pro)") without the user pasting them.
/// keys.json holds only hashes; the secret lives in memory for the session
/// and, when built with QtKeychain and a keychain service answers, in the OS
/// keychain (Secret Service, KWallet, macOS Keychain) so it survives restarts.
/// Never in a workspace file. UpstreamSecrets keeps upstream header secrets
/// in a store of its own (another keychain service), by secret name.
class SecretStore final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretStore)

public:
    /// The store of key secrets ("Tollgate API keys" in the keychain).
    explicit SecretStore(QObject* parent = nullptr);
    /// A store kept under another keychain service name.
    SecretStore(const QString& service, QObject* parent = nullptr);
    ~SecretStore() override;

    /// Whether secrets are written to the OS keychain (false without
    /// QtKeychain, when TOLLGATE_NO_KEYCHAIN is set, or after the keychain
    /// failed; keychainProblem() says why).
    bool persistent() const { return m_keychain; }
    QString keychainProblem() const { return m_problem; }

    void store(const QString& keyId, const QString& secret);
    void forget(const QString& keyId);
    /// The secret, or empty when this app does not know it.
    QString secret(const QString& keyId) const { return m_secrets.value(keyId); }
    bool knows(const QString& keyId) const { return m_secrets.contains(keyId); }
    /// Every secret known, by id.
    const QHash<QString, QString>& secrets() const { return m_secrets; }

    /// Asks the keychain for these keys' secrets; secretsChanged() follows
    /// for each one found.
    void load(const QStringList& keyIds);

Q_SIGNALS:
    void secretsChanged();

private:
    void keychainFailed(const QString& problem);

    QString m_service;
    QHash<QString, QString> m_secrets;
    QHash<QString, bool> m_asked; // key ids already looked up in the keychain
    bool m_keychain = false;
    QString m_problem;
};

} // namespace tollgate::ui
