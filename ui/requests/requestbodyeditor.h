#pragma once

#include "server/composer/composerrequest.h"

#include <QWidget>

class QComboBox;
class QLineEdit;
class QStackedWidget;

namespace tollgate::ui {

class BodyEditor;
class HeaderTableModel;
class WorkspaceDocument;

/// The Body tab of the request editor: no body, JSON or text, a URL-encoded
/// or multipart form (name/value rows; "@path" sends a file), or a file
/// streamed as the body.
class RequestBodyEditor final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RequestBodyEditor)

public:
    explicit RequestBodyEditor(const WorkspaceDocument* document, QWidget* parent = nullptr);
    ~RequestBodyEditor() override;

    /// Shows the body of r; its Content-Type tells JSON from text.
    void load(const server::ComposerRequest& r);
    /// Fills in the body fields of r.
    void store(server::ComposerRequest* r) const;

Q_SIGNALS:
    /// The user changed the body or its kind.
    void edited();
    /// The user chose JSON: the request should say so in its Content-Type.
    void jsonChosen();

private:
    void onKindChanged();
    void browse();

    const WorkspaceDocument* m_document;
    bool m_loading = false;
    QComboBox* m_kind;
    QStackedWidget* m_stack;
    BodyEditor* m_text;
    HeaderTableModel* m_formFields;
    QLineEdit* m_file;
};

} // namespace tollgate::ui
