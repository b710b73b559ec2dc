#pragma once

#include "server/access/apikey.h"

#include <QString>
#include <QStringList>
#include <QWidget>

#include <cstdint>
#include <functional>
#include <string>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QMenu;
class QSplitter;
class QTableView;
class QTimer;

namespace tollgate::ui {

class SecretStore;

class KeyFilterProxy;
class KeyTableModel;
class KeyUsageView;
class ServerController;
class TierTableModel;
class WorkspaceDocument;

/// The Keys & Tiers page: the pricing tiers (editable in place), the API
/// keys with their state and this month's usage against the quota, and the
/// selected key's usage and invoice. Creating and rotating a key shows the
/// new key once; revoking applies to the running server at once.
class KeysTiersPanel : public QWidget {
    Q_OBJECT

public:
    KeysTiersPanel(
        WorkspaceDocument* document, ServerController* server, QWidget* parent = nullptr);
    ~KeysTiersPanel() override;

    /// Where the secrets of keys created or rotated here are kept for the
    /// composer's key picker (never in workspace files).
    void setSecretStore(SecretStore* secrets) { m_secrets = secrets; }

    TierTableModel* tierModel() const { return m_tiers; }
    KeyTableModel* keyModel() const { return m_keys; }
    KeyFilterProxy* keyProxy() const { return m_proxy; }
    QTableView* tierView() const { return m_tierView; }
    QTableView* keyView() const { return m_keyView; }
    KeyUsageView* usageView() const { return m_usage; }

    QAction* newKeyAction() const { return m_newKey; }
    QAction* rotateKeyAction() const { return m_rotateKey; }
    QAction* revokeKeyAction() const { return m_revokeKey; }
    QMenu* changeTierMenu() const { return m_changeTierMenu; }
    QAction* addTierAction() const { return m_addTier; }
    QAction* removeTierAction() const { return m_removeTier; }

    /// Ids of the keys selected in the table, in table order.
    QStringList selectedKeyIds() const;
    /// Selects the key with this id (clearing filters that hide it).
    void selectKey(const QString& id);

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

    /// The clock keys are created, rotated, revoked and judged at (tests).
    void setClock(std::function<std::int64_t()> now);

Q_SIGNALS:
    /// A status line for the window.
    void message(const QString& text);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    QWidget* buildTiersSection();
    QWidget* buildKeysSection();
    void createActions();

    void showCreateDialog();
    void showRotateDialog();
    void confirmRevoke();
    void showSecret(const QString& title, std::string* secret);
    void showTierMessage(const QString& text);
    void rebuildTierFilters();
    void updateActions();
    void updatePlaceholder();
    void onCurrentKeyChanged();
    void onUsageChanged();
    void onTick();
    void fitSplitter();
    std::int64_t now() const;
    QString keyName(const server::ApiKey& key) const;

    WorkspaceDocument* m_document;
    ServerController* m_server;
    std::function<std::int64_t()> m_now;
    TierTableModel* m_tiers;
    KeyTableModel* m_keys;
    KeyFilterProxy* m_proxy;

    QSplitter* m_splitter = nullptr;
    QWidget* m_tiersSection = nullptr;
    /// Set once the user drags the splitter: their sizes win from then on.
    bool m_splitterMoved = false;
    QTableView* m_tierView = nullptr;
    QLabel* m_tierMessage = nullptr;
    QTimer* m_tierMessageTimer = nullptr;
    QTableView* m_keyView = nullptr;
    QLabel* m_keyPlaceholder = nullptr;
    QLineEdit* m_keyFilter = nullptr;
    QComboBox* m_tierFilter = nullptr;
    QComboBox* m_stateFilter = nullptr;
    QLabel* m_keyCount = nullptr;
    KeyUsageView* m_usage = nullptr;
    QTimer* m_clockTimer = nullptr;
    /// The current key before a reset, to select it again after.
    QString m_reselectKey;

    QAction* m_newKey = nullptr;
    QAction* m_rotateKey = nullptr;
    QAction* m_revokeKey = nullptr;
    QMenu* m_changeTierMenu = nullptr;
    QAction* m_addTier = nullptr;
    QAction* m_removeTier = nullptr;
    SecretStore* m_secrets = nullptr;
};

} // namespace tollgate::ui
