#pragma once

#include "server/access/apikey.h"

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

class KeyActions;
class KeyFilterProxy;
class KeyListSection;
class KeyTableModel;
class KeyUsageView;
class SecretStore;
class ServerController;
class TierSection;
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
    void setSecretStore(SecretStore* secrets);

    TierTableModel* tierModel() const { return m_tiers; }
    KeyTableModel* keyModel() const { return m_keys; }
    KeyFilterProxy* keyProxy() const { return m_proxy; }
    QTableView* tierView() const;
    QTableView* keyView() const;
    KeyUsageView* usageView() const { return m_usage; }

    QAction* newKeyAction() const;
    QAction* rotateKeyAction() const;
    QAction* revokeKeyAction() const;
    QMenu* changeTierMenu() const;
    QAction* addTierAction() const;
    QAction* removeTierAction() const;

    /// Ids of the keys selected in the table, in table order.
    QStringList selectedKeyIds() const;
    /// Selects the key with this id (clearing filters that hide it).
    void selectKey(const QString& id);

    // The steps behind the actions, after their dialogs (see KeyActions).

    QString createKey(const server::KeyOptions& options);
    QString rotateKey(const QString& id, std::int64_t graceSeconds);
    bool revokeKeys(const QStringList& ids);
    void changeTier(const QStringList& ids, const QString& tierId);

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
