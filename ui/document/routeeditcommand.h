#pragma once

#include "server/workspace/workspace.h"

#include <QString>
#include <QUndoCommand>

namespace tollgate::ui {

class WorkspaceDocument;

/// Replaces one route. Commands with the same route and mergeKey that follow
/// each other merge, so a burst of typing in one field is one undo step.
class RouteEditCommand final : public QUndoCommand {
public:
    /// focus: select the route when done or undone (record mode edits
    /// without taking the user's selection).
    RouteEditCommand(WorkspaceDocument* document, int row, server::Route before,
        server::Route after, QString mergeKey, const QString& text,
        QUndoCommand* parent = nullptr, bool focus = true);

    void undo() override;
    void redo() override;
    int id() const override;
    bool mergeWith(const QUndoCommand* other) override;

private:
    WorkspaceDocument* m_document;
    int m_row;
    bool m_focus;
    server::Route m_before;
    server::Route m_after;
    QString m_mergeKey;
};

} // namespace tollgate::ui
