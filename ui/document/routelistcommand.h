#pragma once

#include "server/workspace/workspace.h"

#include <QUndoCommand>

namespace tollgate::ui {

class WorkspaceDocument;

/// Inserts or removes one route; undo does the opposite.
class RouteListCommand final : public QUndoCommand {
public:
    enum Kind { Insert, Remove };

    /// focus: select the route inserted (or the one after the removed one);
    /// record mode inserts without taking the user's selection.
    RouteListCommand(WorkspaceDocument* document, Kind kind, int row, server::Route route,
        const QString& text, QUndoCommand* parent = nullptr, bool focus = true);

    void undo() override;
    void redo() override;

private:
    void insert();
    void remove();

    WorkspaceDocument* m_document;
    Kind m_kind;
    int m_row;
    bool m_focus;
    /// The route while it is not in the workspace (taken back with the file
    /// name a save may have given it, so redo writes the same file).
    server::Route m_route;
};

} // namespace tollgate::ui
