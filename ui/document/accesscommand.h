#pragma once

#include "server/workspace/workspace.h"

#include <QUndoCommand>

#include <vector>

namespace tollgate::ui {

class WorkspaceDocument;

/// Replaces the workspace's tiers and API keys: one edit of the Keys & Tiers
/// panel (a tier renamed together with the keys that refer to it, a key
/// created, rotated or moved to another tier). Only key metadata and hashes
/// are held here, never a key's text.
class AccessCommand final : public QUndoCommand {
public:
    AccessCommand(WorkspaceDocument* document, std::vector<server::Tier> tiersBefore,
        std::vector<server::ApiKey> keysBefore, std::vector<server::Tier> tiersAfter,
        std::vector<server::ApiKey> keysAfter, const QString& text);

    void undo() override;
    void redo() override;

private:
    WorkspaceDocument* m_document;
    std::vector<server::Tier> m_tiersBefore;
    std::vector<server::ApiKey> m_keysBefore;
    std::vector<server::Tier> m_tiersAfter;
    std::vector<server::ApiKey> m_keysAfter;
};

} // namespace tollgate::ui
