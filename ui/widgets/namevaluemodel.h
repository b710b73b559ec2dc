#pragma once

#include <QAbstractTableModel>
#include <QList>
#include <QPair>
#include <QString>

namespace tollgate::ui {

/// An editable table of (name, value) rows: headers, environment variables,
/// query parameters. It keeps its own copy: setRows() loads it (a reset, and
/// only when the rows differ, so reloading what is shown never closes an open
/// cell editor); user edits (setData, insertRows, removeRows) emit edited().
///
/// Subclasses say what a name may be and how the columns are titled, and may
/// keep per-row state of their own in step through the row hooks.
class NameValueModel : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NameValueModel)

public:
    enum Column { NameColumn, ValueColumn, ColumnCount };
    using Row = QPair<QString, QString>;
    using Rows = QList<Row>;

    explicit NameValueModel(QObject* parent = nullptr);
    ~NameValueModel() override;

    const Rows& rows() const { return m_rows; }
    void setRows(const Rows& rows);
    /// A read-only table: setData() refuses and no cell is editable.
    void setReadOnly(bool readOnly) { m_readOnly = readOnly; }
    bool isReadOnly() const { return m_readOnly; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool insertRows(int row, int count, const QModelIndex& parent = {}) override;
    bool removeRows(int row, int count, const QModelIndex& parent = {}) override;

Q_SIGNALS:
    /// The user changed, added or removed rows (not emitted by setRows).
    void edited();

protected:
    /// The title of a column; "Name" and "Value" unless overridden.
    virtual QString columnTitle(int column) const;
    /// Whether name may be written to row, after normalising it in place
    /// (e.g. trimming). Every name is accepted as typed unless overridden.
    virtual bool acceptName(int row, QString* name) const;
    /// Why a stored name cannot be used, shown as its tool tip; empty when
    /// it can. Rows loaded with setRows() may hold names acceptName() refuses.
    virtual QString nameProblem(const QString& name) const;

    /// Per-row state of a subclass follows the rows through these; each is
    /// called after the rows changed and before any signal says so.
    virtual void cellEdited(int row);
    virtual void rowsAdded(int row, int count);
    virtual void rowsDropped(int row, int count);

    /// Replaces every row with a reset, even when they are the same.
    void resetRows(const Rows& rows);
    /// Replaces one row in place (no reset, no edited()).
    void replaceRow(int row, const Row& values);

private:
    Rows m_rows;
    bool m_readOnly = false;
};

} // namespace tollgate::ui
