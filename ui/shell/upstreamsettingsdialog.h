#pragma once

#include "server/workspace/workspace.h"

#include <QDialog>

#include <string>
#include <vector>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace tollgate::ui {

class WorkspaceDocument;

/// The workspace's upstream settings (Server ▸ Upstream Settings, and the
/// Upstream tab's "Allowlist & Fallback"): the fallback upstream that
/// requests no route matches go to, and the private addresses upstreams may
/// reach. OK stores both as one undo step; what the workspace reader would
/// refuse keeps OK off and says why, in its words.
class UpstreamSettingsDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UpstreamSettingsDialog)

public:
    explicit UpstreamSettingsDialog(WorkspaceDocument* document, QWidget* parent = nullptr);

    /// The settings as the fields have them now, and whether they can be
    /// stored.
    server::ServerSettings settings() const;
    bool isValid() const { return m_valid; }

    /// Stores the settings in the document (one undo step) when they
    /// changed; false when they cannot be stored.
    bool apply();

    /// The allowlist as typed: one range per line (or comma separated).
    static std::vector<std::string> parseAllowlist(const QString& text);

private:
    void validate();

    WorkspaceDocument* m_document;
    QLineEdit* m_fallback;
    QPlainTextEdit* m_allowlist;
    QLabel* m_error;
    QDialogButtonBox* m_buttons;
    bool m_valid = true;
};

} // namespace tollgate::ui
