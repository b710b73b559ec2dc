#pragma once

#include "server/workspace/workspace.h"

#include <QDialog>

class QSpinBox;

namespace tollgate::ui {

class WorkspaceDocument;

/// The server's limits (Server ▸ Limits): request line, header section and
/// fields, default body size, header and idle timeouts, and the connections
/// one client address may hold. The fields' ranges are the workspace
/// reader's, so what OK stores always loads; OK makes one undo step and the
/// running server applies it to its next connection or request.
class LimitsDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LimitsDialog)

public:
    explicit LimitsDialog(WorkspaceDocument* document, QWidget* parent = nullptr);

    /// The limits as the fields have them now.
    server::Limits limits() const;
    /// Stores the limits in the document (one undo step) when they changed.
    void apply();

private:
    WorkspaceDocument* m_document;
    QSpinBox* m_requestLine;
    QSpinBox* m_headerBytes;
    QSpinBox* m_headerFields;
    QSpinBox* m_bodyBytes;
    QSpinBox* m_headerTimeout;
    QSpinBox* m_idleTimeout;
    QSpinBox* m_perAddress;
};

} // namespace tollgate::ui
