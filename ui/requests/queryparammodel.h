#pragma once

#include <QAbstractTableModel>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace tollgate::ui {

/// The query parameters of the composer's URL as an editable table, kept in
/// sync both ways: setUrl() reloads the rows from the URL text (only when they
/// differ, so typing in the URL never resets an edit in progress), and user
/// edits emit paramsEdited(); the owner then calls applyToUrl() and puts the
/// result back in the URL field. Works on the text: {{variables}} and
/// everything before '?' and after '#' are kept exactly as typed.
class QueryParamModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { NameColumn, ValueColumn, ColumnCount };

    explicit QueryParamModel(QObject* parent = nullptr);

    void setUrl(const QString& url);
    /// url with its query replaced by the rows (names and values
    /// percent-encoded where needed; no '?' when there are no rows).
    QString applyToUrl(const QString& url) const;
    /// Decoded (name, value) pairs in order, including rows the user added
    /// but has not filled in yet (which applyToUrl() leaves out).
    const QList<QPair<QString, QString>>& params() const { return m_params; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool insertRows(int row, int count, const QModelIndex& parent = {}) override;
    bool removeRows(int row, int count, const QModelIndex& parent = {}) override;

    /// The query of a URL text as decoded pairs ("a=1&b" -> (a,1),(b,"")).
    static QList<QPair<QString, QString>> parseQuery(const QString& url);

Q_SIGNALS:
    void paramsEdited();

private:
    QList<QPair<QString, QString>> m_params;
    // Each row's text as it was in the URL, null once edited: unedited rows
    // are written back exactly as typed.
    QStringList m_raw;
};

} // namespace tollgate::ui
