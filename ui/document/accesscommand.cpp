#include "ui/document/accesscommand.h"

#include "ui/document/workspacedocument.h"

#include <utility>

namespace tollgate::ui {

AccessCommand::AccessCommand(WorkspaceDocument* document, std::vector<server::Tier> tiersBefore,
    std::vector<server::ApiKey> keysBefore, std::vector<server::Tier> tiersAfter,
    std::vector<server::ApiKey> keysAfter, const QString& text)
    : QUndoCommand(text)
    , m_document(document)
    , m_tiersBefore(std::move(tiersBefore))
    , m_keysBefore(std::move(keysBefore))
    , m_tiersAfter(std::move(tiersAfter))
    , m_keysAfter(std::move(keysAfter))
{
}

void AccessCommand::undo()
{
    m_document->replaceAccess(m_tiersBefore, m_keysBefore);
}

void AccessCommand::redo()
{
    m_document->replaceAccess(m_tiersAfter, m_keysAfter);
}

} // namespace tollgate::ui
