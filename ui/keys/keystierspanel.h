#pragma once

#include "server/access/apikey.h"
#include "ui/keys/keyactions.h"
#include "ui/keys/keylistsection.h"
#include "ui/keys/tiersection.h"

#include <QString>
#include <QStringList>
#include <QWidget>

#include <cstdint>
#include <functional>

class QAction;
class QMenu;
class QSplitter;
class QTableView;
class QTimer;

namespace tollgate::ui {

class KeyFilterProxy;
class KeyTableModel;
class KeyUsageView;
class SecretStore;
class ServerController;
class TierTableModel;
class WorkspaceDocument;

/// The Keys & Tiers page: the pricing tiers (TierSection), the API keys with
/// their state and this month's usage against the quota (KeyListSection,
/// KeyActions), and the selected key's usage and invoice (KeyUsageView),
/// one above the other. It keeps their clock and the server's usage current.
class KeysTiersPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeysTiersPanel)

public:
    KeysTiersPanel(
        WorkspaceDocument* document, ServerController* server, QWidget* parent = nullptr);
    ~KeysTiersPanel() override;

    /// Where the secrets of keys created or rotated here are kept for the
    /// composer's key picker (never in workspace files).
    void setSecretStore(SecretStore* secrets) { m_actions->setSecretStore(secrets); }

    TierTableModel* tierModel() const { return m_tiers; }
    KeyTableModel* keyModel() const { return m_keys; }
    KeyFilterProxy* keyProxy() const { return m_proxy; }
    QTableView* tierView() const { return m_tierSection->view(); }
    QTableView* keyView() const { return m_keyList->view(); }
    KeyUsageView* usageView() const { return m_usage; }

    QAction* newKeyAction() const { return m_actions->newKeyAction(); }
    QAction* rotateKeyAction() const { return m_actions->rotateKeyAction(); }
    QAction* revokeKeyAction() const { return m_actions->revokeKeyAction(); }
    QMenu* changeTierMenu() const { return m_actions->changeTierMenu(); }
    QAction* addTierAction() const { return m_tierSection->addTierAction(); }
    QAction* removeTierAction() const { return m_tierSection->removeTierAction(); }

    /// Ids of the keys selected in the table, in table order.
    QStringList selectedKeyIds() const { return m_keyList->selectedKeyIds(); }
    /// Selects the key with this id (clearing filters that hide it).
    void selectKey(const QString& id) { m_keyList->selectKey(id); }

    // The steps behind the actions, after their dialogs (see KeyActions).

    QString createKey(const server::KeyOptions& options) { return m_actions->createKey(options); }
    QString rotateKey(const QString& id, std::int64_t graceSeconds)
    {
        return m_actions->rotateKey(id, graceSeconds);
    }
    bool revokeKeys(const QStringList& ids) { return m_actions->revokeKeys(ids); }
    void changeTier(const QStringList& ids, const QString& tierId)
    {
        m_actions->changeTier(ids, tierId);
    }

    /// The clock keys are created, rotated, revoked and judged at (tests).
    void setClock(std::function<std::int64_t()> now);

Q_SIGNALS:
    /// A status line for the window.
    void message(const QString& text);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void onCurrentKeyChanged();
    void onUsageChanged();
    void onTick();
    void fitSplitter();

    ServerController* m_server;
    TierTableModel* m_tiers;
    KeyTableModel* m_keys;
    KeyFilterProxy* m_proxy;
    KeyUsageView* m_usage = nullptr;
    QSplitter* m_splitter = nullptr;
    TierSection* m_tierSection = nullptr;
    KeyListSection* m_keyList = nullptr;
    KeyActions* m_actions = nullptr;
    /// Set once the user drags the splitter: their sizes win from then on.
    bool m_splitterMoved = false;
    QTimer* m_clockTimer = nullptr;
};

} // namespace tollgate::ui
