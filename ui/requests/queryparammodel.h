#pragma once

#include "ui/widgets/namevaluemodel.h"

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
class QueryParamModel final : public NameValueModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueryParamModel)

public:
    explicit QueryParamModel(QObject* parent = nullptr);
    ~QueryParamModel() override;

    void setUrl(const QString& url);
    /// url with its query replaced by the rows (names and values
    /// percent-encoded where needed; no '?' when there are no rows).
    QString applyToUrl(const QString& url) const;
    /// Decoded (name, value) pairs in order, including rows the user added
    /// but has not filled in yet (which applyToUrl() leaves out).
    const QList<QPair<QString, QString>>& params() const { return rows(); }

    /// The query of a URL text as decoded pairs ("a=1&b" -> (a,1),(b,"")).
    static QList<QPair<QString, QString>> parseQuery(const QString& url);

Q_SIGNALS:
    void paramsEdited();

protected:
    QString columnTitle(int column) const override;
    void cellEdited(int row) override;
    void rowsAdded(int row, int count) override;
    void rowsDropped(int row, int count) override;

private:
    // Each row's text as it was in the URL, null once edited: unedited rows
    // are written back exactly as typed.
    QStringList m_raw;
};

} // namespace tollgate::ui
