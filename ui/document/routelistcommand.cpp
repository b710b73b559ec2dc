#include "ui/document/routelistcommand.h"

#include "ui/document/workspacedocument.h"

#include <algorithm>
#include <utility>

namespace tollgate::ui {

RouteListCommand::RouteListCommand(WorkspaceDocument* document, Kind kind, int row,
    server::Route route, const QString& text, QUndoCommand* parent, bool focus)
    : QUndoCommand(text, parent)
    , m_document(document)
    , m_kind(kind)
    , m_row(row)
    , m_focus(focus)
    , m_route(std::move(route))
{
}

void RouteListCommand::undo()
{
    if (m_kind == Insert)
        remove();
    else
        insert();
}

void RouteListCommand::redo()
{
    if (m_kind == Insert)
        insert();
    else
        remove();
}

void RouteListCommand::insert()
{
    m_document->insertRouteNow(m_row, m_route);
    if (m_focus)
        m_document->requestFocus(m_row);
}

void RouteListCommand::remove()
{
    m_route = m_document->takeRoute(m_row);
    const int count = m_document->routeCount();
    if (m_focus)
        m_document->requestFocus(count == 0 ? -1 : std::min(m_row, count - 1));
}

} // namespace tollgate::ui
