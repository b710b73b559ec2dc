#include "ui/document/environmentscommand.h"

#include "ui/document/workspacedocument.h"

#include <utility>

namespace tollgate::ui {

EnvironmentsCommand::EnvironmentsCommand(WorkspaceDocument* document,
    std::vector<server::Environment> before, std::vector<server::Environment> after,
    const QString& text, QUndoCommand* parent)
    : QUndoCommand(text, parent)
    , m_document(document)
    , m_before(std::move(before))
    , m_after(std::move(after))
{
}

void EnvironmentsCommand::undo()
{
    m_document->replaceEnvironments(m_before);
}

void EnvironmentsCommand::redo()
{
    m_document->replaceEnvironments(m_after);
}

} // namespace tollgate::ui
