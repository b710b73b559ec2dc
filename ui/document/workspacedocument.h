#pragma once

// The open workspace as the shell edits it: one tollgate::server::Workspace
// value, an undo stack over it, autosave and a watch on the directory for
// edits made outside the app (an editor, git pull).

#include "server/common/diagnostic.h"
#include "server/workspace/recording.h"
#include "server/workspace/workspace.h"

#include <QDateTime>
#include <QObject>
#include <QString>

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

class QFileSystemWatcher;
class QTimer;
class QUndoStack;

namespace tollgate::server {
struct ImportMerge;
}

namespace tollgate::ui {

class WorkspaceDocument final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WorkspaceDocument)

public:
    explicit WorkspaceDocument(QObject* parent = nullptr);
    ~WorkspaceDocument() override;

    /// True when dir holds a tollgate.json.
    static bool isWorkspaceDirectory(const QString& dir);

    /// Loads a workspace directory. Problems in single files do not fail the
    /// load: they are listed in loadDiagnostics() and the rest is usable.
    /// Returns false (and sets *error) only when the directory cannot be read.
    bool open(const QString& dir, QString* error);
    /// Creates (or overwrites the settings of) a workspace in dir and opens it.
    bool create(const QString& dir, const QString& name, QString* error);
    /// Saves pending edits and forgets the workspace.
    void close();

    bool isOpen() const { return m_open; }
    QString directory() const { return m_directory; }
    QString name() const;
    const server::Workspace& workspace() const { return m_workspace; }
    int routeCount() const { return int(m_workspace.routes.size()); }
    const server::Route& route(int row) const { return m_workspace.routes.at(std::size_t(row)); }
    const std::vector<server::Diagnostic>& loadDiagnostics() const { return m_diagnostics; }
    const std::vector<server::Tier>& tiers() const { return m_workspace.tiers; }
    const std::vector<server::ApiKey>& keys() const { return m_workspace.keys; }
    const std::vector<server::Environment>& environments() const
    {
        return m_workspace.environments;
    }

    QUndoStack* undoStack() const { return m_undoStack; }

    /// Replaces a route through the undo stack. Consecutive edits with the
    /// same non-empty mergeKey on the same route become one undo step, so
    /// typing a path is undone as a whole.
    void setRoute(
        int row, const server::Route& route, const QString& mergeKey, const QString& text);
    void insertRoute(int row, const server::Route& route, const QString& text);
    void removeRoute(int row);
    /// Record mode: merges exchanges proxied to upstreams into the routes
    /// (server::mergeRecording) as one undo step that leaves the selection
    /// alone. Returns what changed.
    server::RecordingMerge mergeRecording(const std::vector<server::RecordedExchange>& exchanges);
    /// File ▸ Import: merged is workspace() after server::mergeImport, merge
    /// what it did. Its added and replaced routes and environments and the
    /// saved-request files it writes are one undo step. False (and *error)
    /// when a request file cannot be written; then nothing changed.
    bool applyImport(const server::Workspace& merged, const server::ImportMerge& merge,
        const QString& text, QString* error);
    void setServerSettings(const server::ServerSettings& settings, const QString& text);
    /// Replaces tiers and keys as one undo step (the Keys & Tiers panel).
    void setAccess(const std::vector<server::Tier>& tiers, const std::vector<server::ApiKey>& keys,
        const QString& text);
    void setTiers(const std::vector<server::Tier>& tiers, const QString& text);
    void setKeys(const std::vector<server::ApiKey>& keys, const QString& text);
    /// Replaces the composer environments (undoable).
    void setEnvironments(const std::vector<server::Environment>& environments, const QString& text);
    /// Revokes the key with this id at `now`, at once and for good: this is
    /// not an undo step, and no later undo or redo brings the key back to
    /// life (see replaceAccess). Emits keyRevoked so the running server drops
    /// the key without waiting for the apply debounce. False when there is no
    /// such key.
    bool revokeKey(const QString& id, std::int64_t now, QString* error = nullptr);

    /// A route for "New route": GET on a path no other route uses.
    server::Route makeNewRoute() const;

    bool hasUnsavedChanges() const { return m_dirty; }
    /// Writes the workspace now (autosave does this 1 s after the last edit).
    bool saveNow(QString* error = nullptr);
    void setAutosaveDelay(int ms);
    QDateTime lastSaved() const { return m_lastSaved; }
    /// Checks the files for outside edits now instead of waiting for the
    /// watcher or the poll timer.
    void checkForExternalChanges();

Q_SIGNALS:
    void opened();
    void closed();
    void routesAboutToBeReset();
    void routesReset();
    void routeAboutToBeInserted(int row);
    void routeInserted(int row);
    void routeAboutToBeRemoved(int row);
    void routeRemoved(int row);
    void routeChanged(int row);
    void settingsChanged();
    /// The number of tiers (or keys) changed: views reset. Otherwise
    /// tiersChanged / keysChanged say that values changed in place.
    void tiersAboutToBeReset();
    void tiersReset();
    void tiersChanged();
    void keysAboutToBeReset();
    void keysReset();
    void keysChanged();
    void environmentsChanged();
    /// Saved-request files were written or deleted through the undo stack
    /// (an import, its undo or redo): the composer's tree reads them again.
    void savedRequestsChanged();
    /// A key was revoked; it must stop working now.
    void keyRevoked(const QString& id);
    /// Any change of the workspace content, local or reloaded.
    void changed();
    /// Undo/redo touched this route: views should show it.
    void routeFocusRequested(int row);
    void saved();
    void saveFailed(const QString& error);
    /// The files changed outside the app and were loaded again.
    void reloadedFromDisk(bool discardedLocalEdits);
    void diagnosticsChanged();

private:
    friend class AccessCommand;
    friend class EnvironmentsCommand;
    friend class RequestFilesCommand;
    friend class RouteEditCommand;
    friend class RouteListCommand;
    friend class SettingsCommand;

    // Mutators used by the undo commands; they emit the fine-grained signals.
    void replaceRoute(int row, const server::Route& route);
    void insertRouteNow(int row, const server::Route& route);
    server::Route takeRoute(int row);
    void replaceSettings(const server::ServerSettings& settings);
    void replaceEnvironments(const std::vector<server::Environment>& environments);
    void replaceAccess(
        const std::vector<server::Tier>& tiers, const std::vector<server::ApiKey>& keys);
    void beginAccessReset();
    void endAccessReset();
    void requestFocus(int row) { Q_EMIT routeFocusRequested(row); }
    /// Runs write, which changes files in the workspace folder (saved
    /// requests), without the change counting as an outside edit (that
    /// would reload and clear the undo stack), unless one was already
    /// pending. Emits savedRequestsChanged.
    void writeOwnFiles(const std::function<void()>& write);

    void markDirty();
    void load();
    void rewatch();
    void onWatchedPathChanged();

    server::Workspace m_workspace;
    std::vector<server::Diagnostic> m_diagnostics;
    /// Key id -> revocation time of every key revoked in this workspace, as
    /// loaded and as revoked since. Undo restores older key lists; this keeps
    /// a revoked key revoked in all of them.
    std::map<std::string, std::int64_t> m_revocations;
    QString m_directory;
    bool m_open = false;
    bool m_dirty = false;
    QDateTime m_lastSaved;
    std::uint64_t m_fingerprint = 0;
    QUndoStack* m_undoStack;
    QTimer* m_autosaveTimer;
    QTimer* m_watchDebounce;
    QTimer* m_pollTimer;
    QFileSystemWatcher* m_watcher;
};

} // namespace tollgate::ui
