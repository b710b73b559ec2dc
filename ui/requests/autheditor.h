#pragma once

#include "server/composer/composerrequest.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QStackedWidget;

namespace tollgate::ui {

class SecretStore;
class WorkspaceDocument;

/// The Auth tab of the request editor: a bearer token or API key header
/// (typed, or one of the workspace's keys whose secret this app holds),
/// basic credentials, or none.
class AuthEditor final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuthEditor)

public:
    AuthEditor(
        const WorkspaceDocument* document, const SecretStore* secrets, QWidget* parent = nullptr);
    ~AuthEditor() override;

    /// Shows the auth of r.
    void load(const server::ComposerRequest& r);
    /// Fills in the auth fields of r.
    void store(server::ComposerRequest* r) const;

Q_SIGNALS:
    /// The user changed the auth.
    void edited();

private:
    void onKindChanged();
    void onKeyPicked();
    /// Offers the workspace's active keys whose secret this app holds.
    void reloadKeys();

    const WorkspaceDocument* m_document;
    const SecretStore* m_secrets;
    QComboBox* m_kind;
    QStackedWidget* m_stack;
    QComboBox* m_keyPicker = nullptr;
    QLineEdit* m_token = nullptr;
    QLineEdit* m_apiKeyHeader = nullptr;
    QLabel* m_apiKeyHeaderLabel = nullptr;
    QLabel* m_keyNote = nullptr;
    QLineEdit* m_basicUser = nullptr;
    QLineEdit* m_basicPassword = nullptr;
};

} // namespace tollgate::ui
