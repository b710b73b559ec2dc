#pragma once

#include "server/checks/checkevaluation.h"
#include "server/composer/composerrequest.h"

#include <QWidget>

#include <functional>

class QComboBox;
class QLineEdit;
class QTabWidget;
class QToolButton;

namespace tollgate::ui {

class AuthEditor;
class HeaderTableModel;
class QueryParamModel;
class RequestBodyEditor;
class RequestOptionsForm;
class SecretStore;
class TestsEditor;
class WorkspaceDocument;

/// The request being composed: method, URL (its query also as a table),
/// headers, body, auth and options, with the Send button. request() reads
/// them as a server::ComposerRequest, setRequest() shows one.
class RequestEditor final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RequestEditor)

public:
    /// Given a pasted curl command line; true when it replaced the request.
    using CurlImporter = std::function<bool(const QString& commandLine)>;

    RequestEditor(
        const WorkspaceDocument* document, const SecretStore* secrets, QWidget* parent = nullptr);
    ~RequestEditor() override;

    server::ComposerRequest request() const;
    /// Shows r; edits are counted from here (see isModified()).
    void setRequest(const server::ComposerRequest& r);
    /// Whether request() differs from what setRequest() showed, as the
    /// widgets show it: their normalising (whole seconds, fields of unused
    /// auth kinds) alone is no change.
    bool isModified() const;

    /// Pasting a curl command into the URL field hands it to importer.
    void setCurlImporter(CurlImporter importer) { m_importCurl = std::move(importer); }
    /// The Send button offers to cancel while a request runs, and to stop
    /// an event stream.
    void setRunning(bool running, bool streaming = false);
    /// What the last answer gave the request's tests (null: clears it).
    void showCheckOutcome(const server::CheckOutcome* outcome);
    /// Moves the focus to the URL, selecting it or not.
    void focusUrl(bool selectAll);

Q_SIGNALS:
    /// The user changed the request (not emitted by setRequest()).
    void changed();
    /// Return in the URL field.
    void sendRequested();
    /// The Send (or, while running, Cancel) button.
    void sendButtonClicked();

private:
    void onUrlEdited(const QString& text);
    void onParamsEdited();
    void onJsonChosen();
    void onEdited();
    void updateTabTexts();

    bool m_loading = false;
    qsizetype m_urlLength = 0;
    server::ComposerRequest m_baseline; // request() right after setRequest()

    CurlImporter m_importCurl;

    QComboBox* m_method;
    QLineEdit* m_url;
    QToolButton* m_sendButton;
    QTabWidget* m_tabs;
    QueryParamModel* m_params;
    HeaderTableModel* m_headers;
    RequestBodyEditor* m_body;
    AuthEditor* m_auth;
    RequestOptionsForm* m_options;
    TestsEditor* m_tests;
};

} // namespace tollgate::ui
