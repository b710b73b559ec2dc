#pragma once

#include "server/checks/checkevaluation.h"
#include "server/composer/requestchecks.h"

#include <QAbstractTableModel>
#include <QStringList>

#include <vector>

namespace tollgate::ui {

/// The assertions of the request in the composer's Tests tab: whether each
/// is on, what it checks (subject and path), how (operator) and against what,
/// and, after a send, whether it passed. An edit the file format would refuse
/// (a pointer without its '/', a pattern that does not compile) is not taken:
/// refused() says why.
class AssertionTableModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AssertionTableModel)

public:
    enum Column { SubjectColumn, PathColumn, OpColumn, ValueColumn, ResultColumn, ColumnCount };
    /// QStringList of the choices; EditRole of such a cell is the chosen index.
    enum Role { ChoicesRole = Qt::UserRole + 1 };

    explicit AssertionTableModel(QObject* parent = nullptr);

    void setAssertions(const std::vector<server::Assertion>& assertions);
    const std::vector<server::Assertion>& assertions() const { return m_assertions; }
    /// The outcome of the enabled assertions, in order (empty: not run).
    void setOutcomes(const std::vector<server::AssertionOutcome>& outcomes);

    static QString subjectName(server::Assertion::Subject subject);
    static QString opName(server::Assertion::Op op);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    /// New rows check that the status is 200.
    bool insertRows(int row, int count, const QModelIndex& parent = {}) override;
    bool removeRows(int row, int count, const QModelIndex& parent = {}) override;

Q_SIGNALS:
    void assertionsEdited();
    void refused(const QString& problem);

private:
    const server::AssertionOutcome* outcomeOf(int row) const;

    std::vector<server::Assertion> m_assertions;
    std::vector<server::AssertionOutcome> m_outcomes;
};

/// The captures of the request: the variable, where its value comes from
/// (JSON pointer, header, status, body) and, after a send, what was taken.
class CaptureTableModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CaptureTableModel)

public:
    enum Column { VariableColumn, SourceColumn, PathColumn, ResultColumn, ColumnCount };
    enum Role { ChoicesRole = Qt::UserRole + 1 };

    explicit CaptureTableModel(QObject* parent = nullptr);

    void setCaptures(const std::vector<server::Capture>& captures);
    const std::vector<server::Capture>& captures() const { return m_captures; }
    void setOutcomes(const std::vector<server::CaptureOutcome>& outcomes);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    /// New rows capture the JSON value at /id into an unused variable name.
    bool insertRows(int row, int count, const QModelIndex& parent = {}) override;
    bool removeRows(int row, int count, const QModelIndex& parent = {}) override;

Q_SIGNALS:
    void capturesEdited();
    void refused(const QString& problem);

private:
    std::vector<server::Capture> m_captures;
    std::vector<server::CaptureOutcome> m_outcomes;
};

} // namespace tollgate::ui
