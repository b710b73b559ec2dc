#pragma once

#include "server/composer/composerrequest.h"

#include <QUndoCommand>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace tollgate::ui {

class WorkspaceDocument;

/// Writes saved requests (an import's) to their files; undo deletes the
/// files it created, puts back the exact text of the ones it replaced and
/// removes the folders it made, redo writes the same files again. Saved
/// requests are files, not part of the workspace value, so this is the one
/// command that edits the disk rather than the document.
class RequestFilesCommand final : public QUndoCommand {
public:
    /// requests: new ones without a fileName, replacements with the
    /// fileName of the request they replace (server::ImportMerge::requests).
    RequestFilesCommand(WorkspaceDocument* document, std::vector<server::SavedRequest> requests,
        QUndoCommand* parent = nullptr);

    /// Writes the files before the command goes on the stack, so a failure
    /// can still be reported and nothing pushed. On failure the files
    /// written so far are taken back and *error says why.
    bool writeNow(std::string* error);

    void undo() override;
    void redo() override;

private:
    struct Entry {
        server::SavedRequest request;
        /// The replaced file's text; empty for a file this command created.
        std::optional<std::string> previousText;
    };

    std::filesystem::path filePath(const server::SavedRequest& request) const;
    bool write(std::string* error);
    void takeBack(std::size_t count);

    WorkspaceDocument* m_document;
    std::filesystem::path m_workspaceDir;
    std::vector<Entry> m_entries;
    /// Folders the first write created, outermost first.
    std::vector<std::filesystem::path> m_createdFolders;
    /// The first redo (the push) finds the files already written.
    bool m_skipRedo = false;
};

} // namespace tollgate::ui
