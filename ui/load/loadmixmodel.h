#pragma once

#include "server/load/loadplan.h"
#include "server/workspace/workspace.h"

#include <QAbstractTableModel>
#include <QString>

#include <vector>

namespace tollgate::ui {

/// One entry of the load runner's route mix as the panel edits it: a target
/// and whether it takes part. Unchecked entries stay in the table (and in
/// the remembered settings) but are not sent.
struct LoadMixRow {
    bool enabled = true;
    server::LoadTarget target;
    bool operator==(const LoadMixRow&) const = default;
};

/// The route mix of the Load page: which requests a run sends and how often
/// (weight, and each checked entry's share of all requests). Prefilled from
/// the workspace's routes; path parameters and bodies are templates the
/// runner renders per request.
class LoadMixModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoadMixModel)

public:
    enum Column { RouteColumn, WeightColumn, ShareColumn, TemplateColumn, ColumnCount };
    enum Role {
        /// The number behind Weight and Share (double), for sorting and tests.
        ValueRole = Qt::UserRole + 1,
        /// True when no workspace route has this entry's method and path.
        StaleRole,
    };

    explicit LoadMixModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    const std::vector<LoadMixRow>& rows() const { return m_rows; }
    void setRows(std::vector<LoadMixRow> rows);
    const LoadMixRow& row(int row) const { return m_rows.at(std::size_t(row)); }
    void setTarget(int row, const server::LoadTarget& target);
    void setEnabled(int row, bool enabled);
    /// Appends an entry; returns its row.
    int addRow(const LoadMixRow& row);
    void removeRow(int row);

    /// The checked entries with a weight above 0, in table order: the
    /// LoadSettings::mix of a run.
    std::vector<server::LoadTarget> enabledTargets() const;
    /// Share of all requests (0..1) a row gets; 0 for unchecked rows.
    double share(int row) const;

    /// The routes a run is checked against (to mark entries no route
    /// matches any more); does not change the rows.
    void setRoutes(const std::vector<server::Route>& routes);
    /// Appends an entry (checked when the route is enabled) for each route
    /// whose method and path no entry has yet. Returns how many were added.
    int addMissingRoutes(const std::vector<server::Route>& routes);

    /// "{{#randomInt}}1 100{{/randomInt}}": what a path parameter gets.
    static QString defaultParamTemplate();
    /// An entry for a route: its method and path, a template per {param},
    /// for POST/PUT/PATCH the body (and query, headers) of the route's
    /// example request, weight 1.
    static server::LoadTarget targetForRoute(const server::Route& route);
    /// Entries for the workspace's routes; disabled routes come unchecked.
    static std::vector<LoadMixRow> rowsForRoutes(const std::vector<server::Route>& routes);
    /// The {name} parameters of a path, in order.
    static std::vector<std::string> pathParams(const std::string& path);
    /// "id = …; body" — what the template column shows.
    static QString templateSummary(const server::LoadTarget& target);

Q_SIGNALS:
    /// Rows, checks or weights changed (what a run would send).
    void mixChanged();

private:
    bool isStale(const LoadMixRow& row) const;
    void emitShares();

    std::vector<LoadMixRow> m_rows;
    std::vector<std::pair<std::string, std::string>> m_routeKeys; // method, path
};

} // namespace tollgate::ui
