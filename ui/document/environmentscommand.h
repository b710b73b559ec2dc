#pragma once

#include "server/workspace/workspace.h"

#include <QUndoCommand>

#include <vector>

namespace tollgate::ui {

class WorkspaceDocument;

/// Replaces the composer environments of the workspace.
class EnvironmentsCommand final : public QUndoCommand {
public:
    EnvironmentsCommand(WorkspaceDocument* document, std::vector<server::Environment> before,
        std::vector<server::Environment> after, const QString& text,
        QUndoCommand* parent = nullptr);

    void undo() override;
    void redo() override;

private:
    WorkspaceDocument* m_document;
    std::vector<server::Environment> m_before;
    std::vector<server::Environment> m_after;
};

} // namespace tollgate::ui
