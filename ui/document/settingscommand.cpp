#include "ui/document/settingscommand.h"

#include "ui/document/workspacedocument.h"

#include <utility>

namespace tollgate::ui {

SettingsCommand::SettingsCommand(WorkspaceDocument* document, server::ServerSettings before,
    server::ServerSettings after, const QString& text)
    : QUndoCommand(text)
    , m_document(document)
    , m_before(std::move(before))
    , m_after(std::move(after))
{
}

void SettingsCommand::undo()
{
    m_document->replaceSettings(m_before);
}

void SettingsCommand::redo()
{
    m_document->replaceSettings(m_after);
}

} // namespace tollgate::ui
