#pragma once

#include "server/access/apikey.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <string>

class QAction;
class QMenu;
class QWidget;

namespace tollgate::ui {

class KeyListSection;
class SecretStore;
class ServerController;
class WorkspaceDocument;

/// What can be done to API keys on the Keys & Tiers page: create, rotate,
/// revoke and move to another tier, each an action with its dialog, acting
/// on the keys selected in the key list. A new key's text is shown once.
class KeyActions final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeyActions)

public:
    /// Dialogs open over dialogParent.
    KeyActions(WorkspaceDocument* document, ServerController* server, KeyListSection* keys,
        QWidget* dialogParent);

    QAction* newKeyAction() const { return m_newKey; }
    QAction* rotateKeyAction() const { return m_rotateKey; }
    QAction* revokeKeyAction() const { return m_revokeKey; }
    QMenu* changeTierMenu() const { return m_changeTierMenu; }

    void setSecretStore(SecretStore* secrets) { m_secrets = secrets; }

    // The steps behind the actions, after their dialogs.

    /// Creates a key, adds its record as one undo step and shows its text
    /// once in a NewKeyDialog. Returns the new key's id, empty on failure.
    QString createKey(const server::KeyOptions& options);
    /// Replaces a key (the old one expires after graceSeconds) and shows the
    /// new key once. Returns the new key's id, empty on failure.
    QString rotateKey(const QString& id, std::int64_t graceSeconds);
    /// Revokes keys for good and applies that to the running server before
    /// returning. Not an undo step (see WorkspaceDocument::revokeKey).
    bool revokeKeys(const QStringList& ids);
    /// Moves keys to another tier, as one undo step.
    void changeTier(const QStringList& ids, const QString& tierId);

    /// Enables what applies to the selected keys now (keys expire while the
    /// window is open).
    void updateActions();

Q_SIGNALS:
    /// A status line for the window.
    void message(const QString& text);

private:
    void showCreateDialog();
    void showRotateDialog();
    void confirmRevoke();
    void showSecret(const QString& title, std::string* secret);
    void rebuildTierMenu();
    std::int64_t now() const;
    QString keyName(const server::ApiKey& key) const;

    WorkspaceDocument* m_document;
    ServerController* m_server;
    KeyListSection* m_keys;
    QWidget* m_dialogParent;
    SecretStore* m_secrets = nullptr;
    QAction* m_newKey;
    QAction* m_rotateKey;
    QAction* m_revokeKey;
    QMenu* m_changeTierMenu;
};

} // namespace tollgate::ui
