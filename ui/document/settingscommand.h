#pragma once

#include "server/workspace/workspace.h"

#include <QUndoCommand>

namespace tollgate::ui {

class WorkspaceDocument;

/// Replaces the workspace's server settings (bind address, port, ...).
class SettingsCommand final : public QUndoCommand {
public:
    SettingsCommand(WorkspaceDocument* document, server::ServerSettings before,
        server::ServerSettings after, const QString& text);

    void undo() override;
    void redo() override;

private:
    WorkspaceDocument* m_document;
    server::ServerSettings m_before;
    server::ServerSettings m_after;
};

} // namespace tollgate::ui
