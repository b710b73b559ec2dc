#include "ui/document/workspacedocument.h"

#include "server/access/apikey.h"
#include "server/interchange/importmerge.h"
#include "server/workspace/workspacestore.h"
#include "ui/document/accesscommand.h"
#include "ui/common/convert.h"
#include "ui/document/environmentscommand.h"
#include "ui/document/requestfilescommand.h"
#include "ui/document/routeeditcommand.h"
#include "ui/document/routelistcommand.h"
#include "ui/document/settingscommand.h"

#include <QDir>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QTimer>
#include <QUndoStack>

#include <algorithm>
#include <memory>

namespace tollgate::ui {

namespace {

constexpr int kAutosaveMs = 1000;
// Editors and git write several files in a burst; wait for it to settle.
constexpr int kWatchDebounceMs = 200;
// inotify misses some changes (a directory replaced by a checkout, network
// file systems); a cheap fingerprint poll catches those.
constexpr int kPollMs = 2000;

} // namespace

WorkspaceDocument::WorkspaceDocument(QObject* parent)
    : QObject(parent)
    , m_undoStack(new QUndoStack(this))
    , m_autosaveTimer(new QTimer(this))
    , m_watchDebounce(new QTimer(this))
    , m_pollTimer(new QTimer(this))
    , m_watcher(new QFileSystemWatcher(this))
{
    m_autosaveTimer->setSingleShot(true);
    m_autosaveTimer->setInterval(kAutosaveMs);
    connect(m_autosaveTimer, &QTimer::timeout, this, [this] { saveNow(); });

    m_watchDebounce->setSingleShot(true);
    m_watchDebounce->setInterval(kWatchDebounceMs);
    connect(m_watchDebounce, &QTimer::timeout, this, &WorkspaceDocument::checkForExternalChanges);
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, this,
        &WorkspaceDocument::onWatchedPathChanged);
    connect(m_watcher, &QFileSystemWatcher::fileChanged, this,
        &WorkspaceDocument::onWatchedPathChanged);

    m_pollTimer->setInterval(kPollMs);
    connect(m_pollTimer, &QTimer::timeout, this, &WorkspaceDocument::checkForExternalChanges);
}

WorkspaceDocument::~WorkspaceDocument()
{
    // An edit made less than the autosave delay before quitting must not be lost.
    if (m_open && m_dirty) {
        std::string error;
        server::saveWorkspace(m_workspace, &error);
    }
}

bool WorkspaceDocument::isWorkspaceDirectory(const QString& dir)
{
    return QFileInfo(QDir(dir).filePath(QStringLiteral("tollgate.json"))).isFile();
}

QString WorkspaceDocument::name() const
{
    return toQt(m_workspace.name);
}

bool WorkspaceDocument::open(const QString& dir, QString* error)
{
    const QFileInfo info(dir);
    if (!info.isDir()) {
        if (error)
            *error = info.exists() ? tr("%1 is not a directory.").arg(dir)
                                   : tr("%1 does not exist.").arg(dir);
        return false;
    }
    if (m_open)
        close();
    m_directory = info.absoluteFilePath();
    m_open = true;
    m_dirty = false;
    m_lastSaved = QDateTime();
    load();
    m_undoStack->clear();
    m_pollTimer->start();
    Q_EMIT opened();
    return true;
}

bool WorkspaceDocument::create(const QString& dir, const QString& name, QString* error)
{
    if (!QDir().mkpath(dir)) {
        if (error)
            *error = tr("Cannot create the folder %1.").arg(dir);
        return false;
    }
    server::Workspace ws;
    ws.name = toStd(name);
    ws.dir = pathFromQt(QFileInfo(dir).absoluteFilePath());
    std::string saveError;
    if (!server::saveWorkspace(ws, &saveError)) {
        if (error)
            *error = toQt(saveError);
        return false;
    }
    return open(dir, error);
}

void WorkspaceDocument::close()
{
    if (!m_open)
        return;
    if (m_dirty)
        saveNow();
    m_autosaveTimer->stop();
    m_pollTimer->stop();
    m_watchDebounce->stop();
    if (const QStringList watched = m_watcher->files() + m_watcher->directories();
        !watched.isEmpty())
        m_watcher->removePaths(watched);
    Q_EMIT routesAboutToBeReset();
    beginAccessReset();
    m_workspace = server::Workspace();
    m_diagnostics.clear();
    m_revocations.clear();
    m_open = false;
    m_dirty = false;
    m_directory.clear();
    m_fingerprint = 0;
    endAccessReset();
    Q_EMIT routesReset();
    m_undoStack->clear();
    Q_EMIT settingsChanged();
    Q_EMIT diagnosticsChanged();
    Q_EMIT changed();
    Q_EMIT closed();
}

void WorkspaceDocument::load()
{
    server::LoadResult result = server::loadWorkspace(pathFromQt(m_directory));
    Q_EMIT routesAboutToBeReset();
    beginAccessReset();
    m_workspace = std::move(result.workspace);
    m_workspace.dir = pathFromQt(m_directory);
    m_diagnostics = std::move(result.errors);
    m_revocations.clear();
    for (const server::ApiKey& key : m_workspace.keys) {
        if (key.revoked > 0)
            m_revocations[key.id] = key.revoked;
    }
    endAccessReset();
    Q_EMIT routesReset();
    Q_EMIT settingsChanged();
    Q_EMIT environmentsChanged();
    Q_EMIT diagnosticsChanged();
    Q_EMIT changed();
    m_fingerprint = server::workspaceFingerprint(m_workspace.dir);
    rewatch();
}

void WorkspaceDocument::rewatch()
{
    // Atomic saves replace files by rename, which drops inotify watches on
    // the old inode: re-arm after every load and save.
    if (const QStringList watched = m_watcher->files() + m_watcher->directories();
        !watched.isEmpty())
        m_watcher->removePaths(watched);
    if (!m_open)
        return;
    QStringList paths { m_directory };
    const QDir dir(m_directory);
    const QString settings = dir.filePath(QStringLiteral("tollgate.json"));
    if (QFileInfo::exists(settings))
        paths << settings;
    // `tollgated keys` edits keys.json while the app is open.
    const QString keys = dir.filePath(QStringLiteral("keys.json"));
    if (QFileInfo::exists(keys))
        paths << keys;
    const QDir routes(dir.filePath(QStringLiteral("routes")));
    if (routes.exists()) {
        paths << routes.absolutePath();
        const QStringList files = routes.entryList({ QStringLiteral("*.json") }, QDir::Files);
        for (const QString& file : files)
            paths << routes.filePath(file);
    }
    m_watcher->addPaths(paths);
}

void WorkspaceDocument::onWatchedPathChanged()
{
    m_watchDebounce->start();
}

void WorkspaceDocument::checkForExternalChanges()
{
    if (!m_open)
        return;
    // Our own saves update m_fingerprint, so only edits made by someone else
    // get past this check.
    const std::uint64_t now = server::workspaceFingerprint(m_workspace.dir);
    if (now == m_fingerprint)
        return;
    // Autosave keeps local edits at most a second old; the files on disk are
    // the newer truth (a git pull, an editor), so they win.
    const bool discarded = m_dirty;
    m_autosaveTimer->stop();
    m_dirty = false;
    load();
    m_undoStack->clear();
    Q_EMIT reloadedFromDisk(discarded);
}

bool WorkspaceDocument::saveNow(QString* error)
{
    m_autosaveTimer->stop();
    if (!m_open)
        return true;
    std::string saveError;
    if (!server::saveWorkspace(m_workspace, &saveError)) {
        // The files written before the failing one are ours too: taken for an
        // outside edit, they would reload the workspace and drop the edits
        // that could not be saved. Those stay, dirty, for the next save.
        m_fingerprint = server::workspaceFingerprint(m_workspace.dir);
        rewatch();
        const QString message = toQt(saveError);
        if (error)
            *error = message;
        Q_EMIT saveFailed(message);
        return false;
    }
    m_dirty = false;
    m_lastSaved = QDateTime::currentDateTime();
    m_fingerprint = server::workspaceFingerprint(m_workspace.dir);
    rewatch();
    Q_EMIT saved();
    return true;
}

void WorkspaceDocument::setAutosaveDelay(int ms)
{
    m_autosaveTimer->setInterval(ms);
}

void WorkspaceDocument::setRoute(
    int row, const server::Route& route, const QString& mergeKey, const QString& text)
{
    if (row < 0 || row >= routeCount())
        return;
    server::Route after = route;
    after.fileName = m_workspace.routes[std::size_t(row)].fileName;
    if (after == m_workspace.routes[std::size_t(row)])
        return;
    m_undoStack->push(new RouteEditCommand(this, row, m_workspace.routes[std::size_t(row)], after,
        mergeKey, text.isEmpty() ? tr("Edit route") : text));
}

void WorkspaceDocument::insertRoute(int row, const server::Route& route, const QString& text)
{
    row = std::clamp(row, 0, routeCount());
    server::Route copy = route;
    // A copy must get a file of its own, not overwrite the original's.
    copy.fileName.clear();
    m_undoStack->push(new RouteListCommand(this, RouteListCommand::Insert, row, copy, text));
}

server::RecordingMerge WorkspaceDocument::mergeRecording(
    const std::vector<server::RecordedExchange>& exchanges)
{
    server::Workspace merged = m_workspace;
    server::RecordingMerge merge = server::mergeRecording(merged, exchanges);
    if (!merge.changed())
        return merge;
    const int answers = static_cast<int>(exchanges.size() - merge.skipped.size())
        - merge.duplicates;
    auto* command = new QUndoCommand(tr("Record %n answer(s)", nullptr, answers));
    // Changed routes first (their rows stay), then the new ones at the end in order.
    std::sort(merge.changedRoutes.begin(), merge.changedRoutes.end());
    for (std::size_t index : merge.changedRoutes) {
        const int row = static_cast<int>(index);
        if (row < routeCount())
            new RouteEditCommand(this, row, m_workspace.routes[index], merged.routes[index], {},
                {}, command, false);
        else
            new RouteListCommand(
                this, RouteListCommand::Insert, row, merged.routes[index], {}, command, false);
    }
    m_undoStack->push(command);
    return merge;
}

bool WorkspaceDocument::applyImport(const server::Workspace& merged,
    const server::ImportMerge& merge, const QString& text, QString* error)
{
    if (!m_open || !merge.changed())
        return true;
    auto command = std::make_unique<QUndoCommand>(text);
    // Replaced routes keep their rows; added ones go to the end in order.
    std::vector<std::size_t> replaced = merge.replacedRoutes;
    std::sort(replaced.begin(), replaced.end());
    for (std::size_t index : replaced)
        new RouteEditCommand(this, static_cast<int>(index), m_workspace.routes.at(index),
            merged.routes.at(index), {}, {}, command.get(), false);
    for (std::size_t index : merge.addedRoutes)
        new RouteListCommand(this, RouteListCommand::Insert, static_cast<int>(index),
            merged.routes.at(index), {}, command.get(), false);
    if (merged.environments != m_workspace.environments)
        new EnvironmentsCommand(
            this, m_workspace.environments, merged.environments, {}, command.get());
    if (!merge.requests.empty()) {
        auto* files = new RequestFilesCommand(this, merge.requests, command.get());
        std::string writeError;
        if (!files->writeNow(&writeError)) {
            if (error)
                *error = toQt(writeError);
            return false;
        }
    }
    m_undoStack->push(command.release());
    return true;
}

void WorkspaceDocument::writeOwnFiles(const std::function<void()>& write)
{
    const bool current = m_open && server::workspaceFingerprint(m_workspace.dir) == m_fingerprint;
    write();
    if (current)
        m_fingerprint = server::workspaceFingerprint(m_workspace.dir);
    Q_EMIT savedRequestsChanged();
}

void WorkspaceDocument::removeRoute(int row)
{
    if (row < 0 || row >= routeCount())
        return;
    const server::Route& r = route(row);
    m_undoStack->push(new RouteListCommand(this, RouteListCommand::Remove, row, r,
        tr("Delete %1 %2").arg(toQt(r.method), toQt(r.path))));
}

void WorkspaceDocument::setServerSettings(
    const server::ServerSettings& settings, const QString& text)
{
    if (settings == m_workspace.server)
        return;
    m_undoStack->push(new SettingsCommand(this, m_workspace.server, settings, text));
}

void WorkspaceDocument::setAccess(const std::vector<server::Tier>& tiers,
    const std::vector<server::ApiKey>& keys, const QString& text)
{
    if (tiers == m_workspace.tiers && keys == m_workspace.keys)
        return;
    m_undoStack->push(
        new AccessCommand(this, m_workspace.tiers, m_workspace.keys, tiers, keys, text));
}

void WorkspaceDocument::setTiers(const std::vector<server::Tier>& tiers, const QString& text)
{
    setAccess(tiers, m_workspace.keys, text.isEmpty() ? tr("Edit tiers") : text);
}

void WorkspaceDocument::setKeys(const std::vector<server::ApiKey>& keys, const QString& text)
{
    setAccess(m_workspace.tiers, keys, text.isEmpty() ? tr("Edit keys") : text);
}

bool WorkspaceDocument::revokeKey(const QString& id, std::int64_t now, QString* error)
{
    // Revoking is the answer to a leaked key. Were it an undo step, Ctrl+Z
    // (or a redo of an older key list) would quietly make the leaked key work
    // again, and keys.json documents a revoked key as never working again.
    // So it bypasses the stack, and m_revocations pins it in every key list
    // the stack restores later.
    const std::string keyId = toStd(id);
    std::vector<server::ApiKey> keys = m_workspace.keys;
    std::string message;
    if (!server::revokeKey(&keys, keyId, now, &message)) {
        if (error)
            *error = tr("There is no key %1.").arg(id);
        return false;
    }
    const server::ApiKey* key = server::findKey(keys, keyId);
    m_revocations.emplace(keyId, key->revoked);
    if (keys == m_workspace.keys)
        return true; // already revoked
    m_workspace.keys = std::move(keys);
    Q_EMIT keysChanged();
    markDirty();
    Q_EMIT keyRevoked(id);
    return true;
}

server::Route WorkspaceDocument::makeNewRoute() const
{
    server::Route route;
    route.method = "GET";
    const auto taken = [this](const std::string& path) {
        return std::any_of(m_workspace.routes.begin(), m_workspace.routes.end(),
            [&path](const server::Route& r) { return r.path == path; });
    };
    std::string path = "/new-route";
    for (int i = 2; taken(path); ++i)
        path = "/new-route-" + std::to_string(i);
    route.path = path;
    server::Response& response = route.responses.front();
    response.label = toStd(tr("Success"));
    response.status = 200;
    response.headers = { { "Content-Type", "application/json" } };
    response.body = "{\n  \"message\": \"Hello from Tollgate\"\n}\n";
    return route;
}

void WorkspaceDocument::replaceRoute(int row, const server::Route& route)
{
    server::Route& current = m_workspace.routes.at(std::size_t(row));
    // The file name belongs to the store (assigned on first save), not to the
    // edit: restoring an older value must keep writing the same file.
    server::Route next = route;
    next.fileName = current.fileName;
    if (next == current)
        return;
    current = std::move(next);
    Q_EMIT routeChanged(row);
    markDirty();
}

void WorkspaceDocument::insertRouteNow(int row, const server::Route& route)
{
    Q_EMIT routeAboutToBeInserted(row);
    m_workspace.routes.insert(m_workspace.routes.begin() + row, route);
    Q_EMIT routeInserted(row);
    markDirty();
}

server::Route WorkspaceDocument::takeRoute(int row)
{
    Q_EMIT routeAboutToBeRemoved(row);
    server::Route route = std::move(m_workspace.routes.at(std::size_t(row)));
    m_workspace.routes.erase(m_workspace.routes.begin() + row);
    Q_EMIT routeRemoved(row);
    markDirty();
    return route;
}

void WorkspaceDocument::setEnvironments(
    const std::vector<server::Environment>& environments, const QString& text)
{
    if (environments == m_workspace.environments)
        return;
    m_undoStack->push(new EnvironmentsCommand(this, m_workspace.environments, environments, text));
}

void WorkspaceDocument::replaceEnvironments(const std::vector<server::Environment>& environments)
{
    if (environments == m_workspace.environments)
        return;
    m_workspace.environments = environments;
    Q_EMIT environmentsChanged();
    markDirty();
}

void WorkspaceDocument::replaceSettings(const server::ServerSettings& settings)
{
    if (settings == m_workspace.server)
        return;
    m_workspace.server = settings;
    Q_EMIT settingsChanged();
    markDirty();
}

void WorkspaceDocument::replaceAccess(
    const std::vector<server::Tier>& tiers, const std::vector<server::ApiKey>& keys)
{
    std::vector<server::ApiKey> pinned = keys;
    for (server::ApiKey& key : pinned) {
        if (const auto it = m_revocations.find(key.id); it != m_revocations.end() && !key.revoked)
            key.revoked = it->second;
    }
    const bool tiersDiffer = tiers != m_workspace.tiers;
    const bool keysDiffer = pinned != m_workspace.keys;
    if (!tiersDiffer && !keysDiffer)
        return;
    // A change of row count resets the views; values changed in place keep
    // their selection and open editors.
    const bool tiersResize = tiers.size() != m_workspace.tiers.size();
    const bool keysResize = pinned.size() != m_workspace.keys.size();
    if (tiersResize)
        Q_EMIT tiersAboutToBeReset();
    if (keysResize)
        Q_EMIT keysAboutToBeReset();
    m_workspace.tiers = tiers;
    m_workspace.keys = std::move(pinned);
    // Keys show their tier's name and quota: their views settle first, then
    // hear about the tiers.
    if (keysResize)
        Q_EMIT keysReset();
    else if (keysDiffer)
        Q_EMIT keysChanged();
    if (tiersResize)
        Q_EMIT tiersReset();
    else if (tiersDiffer)
        Q_EMIT tiersChanged();
    markDirty();
}

void WorkspaceDocument::beginAccessReset()
{
    Q_EMIT tiersAboutToBeReset();
    Q_EMIT keysAboutToBeReset();
}

void WorkspaceDocument::endAccessReset()
{
    Q_EMIT keysReset();
    Q_EMIT tiersReset();
}

void WorkspaceDocument::markDirty()
{
    m_dirty = true;
    m_autosaveTimer->start();
    Q_EMIT changed();
}

} // namespace tollgate::ui
