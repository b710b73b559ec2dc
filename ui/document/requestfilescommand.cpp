#include "ui/document/requestfilescommand.h"

#include "server/common/files.h"
#include "server/composer/requeststore.h"
#include "ui/common/convert.h"
#include "ui/document/workspacedocument.h"

#include <algorithm>
#include <system_error>
#include <utility>

namespace tollgate::ui {

namespace fs = std::filesystem;

RequestFilesCommand::RequestFilesCommand(
    WorkspaceDocument* document, std::vector<server::SavedRequest> requests, QUndoCommand* parent)
    : QUndoCommand(parent)
    , m_document(document)
    , m_workspaceDir(pathFromQt(document->directory()))
{
    m_entries.reserve(requests.size());
    for (server::SavedRequest& request : requests)
        m_entries.push_back({ std::move(request), std::nullopt });
}

fs::path RequestFilesCommand::filePath(const server::SavedRequest& request) const
{
    return server::requestFolderPath(m_workspaceDir, request.folder) / request.fileName;
}

bool RequestFilesCommand::writeNow(std::string* error)
{
    // Undo must leave requests/ as it found it, so remember which folders
    // (requests/ itself included) the write is about to create.
    std::error_code ec;
    for (const Entry& entry : m_entries) {
        fs::path folder = server::requestFolderPath(m_workspaceDir, {});
        std::vector<fs::path> chain { folder };
        for (const fs::path& part : fs::path(entry.request.folder))
            chain.push_back(folder /= part);
        for (const fs::path& path : chain) {
            if (!fs::exists(path, ec)
                && std::find(m_createdFolders.begin(), m_createdFolders.end(), path)
                    == m_createdFolders.end())
                m_createdFolders.push_back(path);
        }
    }
    for (Entry& entry : m_entries) {
        if (entry.request.fileName.empty())
            continue;
        std::string text;
        std::string readError;
        if (server::readFile(filePath(entry.request), &text, &readError))
            entry.previousText = std::move(text);
    }
    bool written = false;
    m_document->writeOwnFiles([&] { written = write(error); });
    m_skipRedo = written;
    return written;
}

bool RequestFilesCommand::write(std::string* error)
{
    for (std::size_t i = 0; i < m_entries.size(); ++i) {
        // A new request gets its file name here, and keeps it for redo.
        if (!server::saveRequest(m_workspaceDir, &m_entries[i].request, error)) {
            takeBack(i);
            return false;
        }
    }
    return true;
}

void RequestFilesCommand::takeBack(std::size_t count)
{
    std::error_code ec;
    for (std::size_t i = count; i-- > 0;) {
        const Entry& entry = m_entries[i];
        std::string error;
        const bool ok = entry.previousText
            ? server::writeFileAtomic(filePath(entry.request), *entry.previousText, &error)
            : server::deleteRequest(m_workspaceDir, entry.request, &error);
        if (!ok)
            Q_EMIT m_document->saveFailed(toQt(error));
    }
    // Innermost first; a folder someone put other files in meanwhile stays.
    for (auto it = m_createdFolders.rbegin(); it != m_createdFolders.rend(); ++it) {
        if (fs::is_empty(*it, ec))
            fs::remove(*it, ec);
    }
}

void RequestFilesCommand::undo()
{
    m_document->writeOwnFiles([this] { takeBack(m_entries.size()); });
}

void RequestFilesCommand::redo()
{
    if (std::exchange(m_skipRedo, false))
        return;
    m_document->writeOwnFiles([this] {
        std::string error;
        if (!write(&error))
            Q_EMIT m_document->saveFailed(toQt(error));
    });
}

} // namespace tollgate::ui
