#pragma once

#include "server/workspace/workspace.h"

#include <QAbstractTableModel>
#include <QStringList>

#include <vector>

namespace tollgate::ui {

/// The rules of a WebSocket route, in the order they are checked, as a table
/// to pick one from: what each matches, where its replies go, whether it
/// closes. The selected rule is edited in WsRuleEditor under the table (a
/// rule has a list of replies, which a cell cannot hold); the table shows
/// the route as stored.
class WsRuleModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WsRuleModel)

public:
    enum Column {
        MatchColumn,
        PointerColumn,
        ValueColumn,
        AudienceColumn,
        CloseCodeColumn,
        CloseReasonColumn,
        ColumnCount
    };

    explicit WsRuleModel(QObject* parent = nullptr);

    /// What a new rule starts with: a ping answered with a pong, so the
    /// route shows what a rule does and does it at once.
    static server::WsRule starterRule();
    /// The matches and audiences in the order the editor's combos list them
    /// (the table says them shorter).
    static QStringList matchNames();
    static QStringList audienceNames();
    static int matchIndex(server::WsMatch match);
    static server::WsMatch matchAt(int index);

    /// Shows rules; rows stay (and the selection with them) while their
    /// number does not change.
    void setRules(const std::vector<server::WsRule>& rules);
    const std::vector<server::WsRule>& rules() const { return m_rules; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<server::WsRule> m_rules;
};

} // namespace tollgate::ui
