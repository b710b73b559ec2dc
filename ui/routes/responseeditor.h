#pragma once

#include "server/workspace/workspace.h"

#include <QString>
#include <QWidget>

class QLabel;
class QLineEdit;
class QSpinBox;
class QTableView;
class QToolButton;

namespace tollgate::ui {

class BodyEditor;
class HeaderTableModel;

/// Edits one response of a route: status, label, headers, body (inline or
/// from a file) and the JSON Schema of the body (an OpenAPI import's, used by
/// schema checks of saved requests). It holds a copy; every user edit emits edited() with the
/// whole new value and a merge key naming the field.
class ResponseEditor final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ResponseEditor)

public:
    explicit ResponseEditor(QWidget* parent = nullptr);

    /// Shows a response. Widgets whose value did not change are left alone,
    /// so the cursor stays where the user is typing.
    void setResponse(const server::Response& response, const QString& workspaceDir);
    const server::Response& response() const { return m_response; }

    BodyEditor* bodyEditor() const { return m_body; }

Q_SIGNALS:
    void edited(const server::Response& response, const QString& field, const QString& text);

private:
    void emitEdited(const QString& field, const QString& text);
    void updateReason();
    void updateBodySource();
    void browseBodyFile();
    void updateSchema();
    /// The schema in a dialog; a text that is no JSON Schema is refused there.
    void editSchema();
    QString contentType() const;

    server::Response m_response;
    /// Set while setResponse() fills the widgets: their change signals
    /// (a highlighter re-colouring the body emits textChanged) are not edits.
    bool m_loading = false;
    QString m_workspaceDir;
    QSpinBox* m_status;
    QLabel* m_reason;
    QLineEdit* m_label;
    QLineEdit* m_bodyFile;
    QToolButton* m_browse;
    HeaderTableModel* m_headers;
    QTableView* m_headersView;
    QToolButton* m_removeHeader;
    BodyEditor* m_body;
    QLabel* m_bodyNote;
    QLabel* m_bodyProblem;
    QLabel* m_schema;
};

} // namespace tollgate::ui
