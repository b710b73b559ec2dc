#pragma once

#include "server/checks/collectionrunner.h"

#include <QAbstractItemModel>

#include <memory>
#include <vector>

namespace tollgate::ui {

/// A collection run's results as a tree, filled as the requests end: one
/// row per request sent (under "Iteration N" rows when the run has more
/// than one iteration), its assertions and captures beneath it, or the
/// reason it got no answer. Failures show ✗ and the failing assertion's
/// expected and actual value; failed rows start expanded in the window.
class RunResultModel final : public QAbstractItemModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunResultModel)

public:
    enum Column { NameColumn, ResultColumn, ExpectedColumn, ActualColumn, TimeColumn, ColumnCount };
    enum Role {
        PassedRole = Qt::UserRole + 1, ///< bool: the row (and all under it) passed
        KindRole, ///< Kind
        RunRole, ///< int: index into runs() of the row's request (-1 for iterations)
        ItemRole, ///< int: an assertion's or capture's index in its request's checks
    };
    enum class Kind { Iteration, Request, Assertion, Capture, Failure };

    explicit RunResultModel(QObject* parent = nullptr);
    ~RunResultModel() override;

    /// Empties the tree for a run with this many iterations.
    void reset(int iterations);
    /// A request has ended; returns its row.
    QModelIndex append(const server::RequestRun& run);
    const std::vector<server::RequestRun>& runs() const { return m_runs; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Node;
    Node* nodeOf(const QModelIndex& index) const;
    QModelIndex indexOf(Node* node, int column = 0) const;
    bool passed(const Node* node) const;
    QVariant display(const Node* node, int column) const;

    std::unique_ptr<Node> m_root;
    std::vector<server::RequestRun> m_runs;
    int m_iterations = 1;
};

} // namespace tollgate::ui
