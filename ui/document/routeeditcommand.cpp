#include "ui/document/routeeditcommand.h"

#include "ui/document/workspacedocument.h"

#include <utility>

namespace tollgate::ui {

namespace {
constexpr int kRouteEditId = 0x7467'0001;
}

RouteEditCommand::RouteEditCommand(WorkspaceDocument* document, int row, server::Route before,
    server::Route after, QString mergeKey, const QString& text, QUndoCommand* parent, bool focus)
    : QUndoCommand(text, parent)
    , m_document(document)
    , m_row(row)
    , m_focus(focus)
    , m_before(std::move(before))
    , m_after(std::move(after))
    , m_mergeKey(std::move(mergeKey))
{
}

void RouteEditCommand::undo()
{
    m_document->replaceRoute(m_row, m_before);
    if (m_focus)
        m_document->requestFocus(m_row);
}

void RouteEditCommand::redo()
{
    m_document->replaceRoute(m_row, m_after);
    if (m_focus)
        m_document->requestFocus(m_row);
}

int RouteEditCommand::id() const
{
    // Commands without a key never merge; QUndoStack skips id -1.
    return m_mergeKey.isEmpty() ? -1 : kRouteEditId;
}

bool RouteEditCommand::mergeWith(const QUndoCommand* other)
{
    const auto* next = static_cast<const RouteEditCommand*>(other);
    if (next->m_row != m_row || next->m_mergeKey != m_mergeKey)
        return false;
    m_after = next->m_after;
    // Typing a character and deleting it again leaves nothing to undo.
    setObsolete(m_after == m_before);
    return true;
}

} // namespace tollgate::ui
