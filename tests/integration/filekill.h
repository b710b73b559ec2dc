#pragma once

// What tst_filekill's child writes and how: for each kind of file, the value
// of write number `seq` (its number is inside it, its size changes with the
// number's parity, so a torn or stale file cannot pass for it) and a writer
// that goes through the same function the app or tollgated uses.

#include "server/access/usage.h"
#include "server/common/clock.h"
#include "server/composer/history.h"
#include "server/composer/requeststore.h"
#include "server/load/loadrunstore.h"
#include "server/workspace/workspacestore.h"
#include "ui/document/requestfilescommand.h"
#include "ui/document/workspacedocument.h"
#include "ui/requests/composerdraft.h"

#include <QString>

#include <cstdint>
#include <ctime>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace filekill {

namespace fs = std::filesystem;
using namespace tollgate;

/// Each kind, by the name the child takes on its command line.
inline const std::vector<std::string>& kinds()
{
    static const std::vector<std::string> all { "route", "settings", "keys", "usage", "history",
        "draft", "request", "requestfiles", "loadrun" };
    return all;
}

/// Tens to hundreds of KiB: a write takes long enough for kills to land in it.
inline std::string filler(std::int64_t seq, std::size_t big)
{
    return std::string(seq % 2 ? big / 2 : big, seq % 2 ? 'b' : 'a');
}

inline std::string tag(std::int64_t seq)
{
    return "seq " + std::to_string(seq);
}

inline server::Route route(std::int64_t seq)
{
    server::Route r;
    r.method = "GET";
    r.path = "/kill";
    r.fileName = "get-kill.json";
    r.description = tag(seq);
    r.responses.front().body = filler(seq, 200'000);
    return r;
}

inline server::Workspace workspace(const fs::path& dir, std::int64_t seq, bool settingsSeq)
{
    server::Workspace ws;
    ws.dir = dir;
    ws.name = settingsSeq ? tag(seq) : "kill";
    ws.environments.front().variables
        = { { "filler", settingsSeq ? filler(seq, 100'000) : std::string("x") } };
    ws.routes = { route(settingsSeq ? 0 : seq) };
    return ws;
}

inline std::vector<server::ApiKey> keys(std::int64_t seq)
{
    std::vector<server::ApiKey> all(seq % 2 ? 300 : 600);
    for (std::size_t i = 0; i < all.size(); ++i) {
        server::ApiKey& k = all[i];
        k.id = "key_" + std::to_string(i);
        k.prefix = "tg_test_abc";
        k.hash = std::string(64, "0123456789abcdef"[i % 16]);
        k.label = tag(seq);
        k.tier = "free";
        k.created = 1'700'000'000;
    }
    return all;
}

inline server::SavedRequest savedRequest(std::int64_t seq)
{
    server::SavedRequest s;
    s.name = "kill";
    s.fileName = "kill.json";
    s.request.method = "POST";
    s.request.url = "http://127.0.0.1/kill?" + tag(seq).replace(3, 1, "=");
    s.request.bodyKind = server::ComposerRequest::BodyKind::Raw;
    s.request.body = filler(seq, 200'000);
    return s;
}

inline server::HistoryEntry historyEntry(std::int64_t seq)
{
    server::HistoryEntry e;
    e.timeMs = seq;
    e.request = savedRequest(seq).request;
    e.request.body = filler(seq, 6'000); // lines over a page: a kill can cut one
    e.status = 200;
    return e;
}

/// History keeps this many: every ~17th append rewrites the file.
constexpr std::size_t kHistoryLimit = 16;
constexpr std::size_t kUsageKeys = 400;

inline std::string usageKey(std::size_t i)
{
    return "key_" + std::to_string(i);
}

inline server::LoadReport loadReport(std::int64_t seq)
{
    server::LoadReport r;
    r.id = "kill";
    r.startedAt = "2026-12-01T10:00:00Z";
    r.target = tag(seq);
    r.problem = filler(seq, 100'000);
    return r;
}

/// The file (or, for routes, the folder) a kind writes, under `dir`.
inline fs::path target(const std::string& kind, const fs::path& dir)
{
    if (kind == "route")
        return dir / "routes" / "get-kill.json";
    if (kind == "settings")
        return dir / "tollgate.json";
    if (kind == "keys")
        return dir / "keys.json";
    if (kind == "usage")
        return dir / ".tollgate" / "usage.json";
    if (kind == "history")
        return dir / ".tollgate" / "history.jsonl";
    if (kind == "draft")
        return dir / ".tollgate" / "draft.json";
    if (kind == "loadrun")
        return dir / ".tollgate" / "loadruns" / "kill.json";
    return dir / "requests" / "kill.json";
}

/// Writes one kind's file again and again through the real writer. Needs a
/// QCoreApplication for the window's writers (draft, requestfiles).
class Writer {
public:
    Writer(std::string kind, fs::path dir)
        : m_kind(std::move(kind))
        , m_dir(std::move(dir))
    {
    }

    /// Everything the writes need; the workspace is made when missing.
    bool open(std::string* error)
    {
        if (!fs::exists(m_dir / "tollgate.json")) {
            server::Workspace ws = workspace(m_dir, 0, m_kind == "settings");
            if (!server::saveWorkspace(ws, error))
                return false;
        }
        if (m_kind == "draft" || m_kind == "requestfiles") {
            m_document = std::make_unique<ui::WorkspaceDocument>();
            QString why;
            if (!m_document->open(QString::fromStdString(m_dir.string()), &why)) {
                *error = why.toStdString();
                return false;
            }
            m_draft = std::make_unique<ui::ComposerDraft>(m_document.get());
        } else if (m_kind == "usage") {
            m_usage = std::make_unique<server::UsageStore>(
                target(m_kind, m_dir), server::systemClock());
            if (!m_usage->open(error))
                return false;
            for (std::size_t i = 0; i < kUsageKeys; ++i)
                m_counters.push_back(m_usage->counter(usageKey(i), std::time(nullptr)));
        } else if (m_kind == "history") {
            m_history = std::make_unique<server::HistoryLog>(target(m_kind, m_dir), kHistoryLimit);
        }
        return true;
    }

    /// Write number seq (usage: one more request on every key, then a flush).
    bool write(std::int64_t seq, std::string* error)
    {
        if (m_kind == "route" || m_kind == "settings") {
            server::Workspace ws = workspace(m_dir, seq, m_kind == "settings");
            return server::saveWorkspace(ws, error);
        }
        if (m_kind == "keys")
            return server::saveKeys(m_dir, keys(seq), error);
        if (m_kind == "usage") {
            for (server::UsageStore::Counter* c : m_counters)
                m_usage->admit(c, 0, false);
            return m_usage->flush(error);
        }
        if (m_kind == "history")
            return m_history->append(historyEntry(seq), error);
        if (m_kind == "draft") {
            m_draft->write(savedRequest(seq).request);
            return true;
        }
        if (m_kind == "request") {
            server::SavedRequest s = savedRequest(seq);
            return server::saveRequest(m_dir, &s, error);
        }
        if (m_kind == "requestfiles") {
            ui::RequestFilesCommand command(m_document.get(), { savedRequest(seq) });
            return command.writeNow(error);
        }
        if (m_kind == "loadrun") {
            server::LoadReport report = loadReport(seq);
            return server::LoadRunStore((m_dir / ".tollgate" / "loadruns").string())
                .save(&report, error);
        }
        *error = "unknown kind " + m_kind;
        return false;
    }

    /// Usage: the count every key has after the last write.
    std::uint64_t usageCount() const { return m_usage->count(m_counters.front()); }

private:
    std::string m_kind;
    fs::path m_dir;
    std::unique_ptr<ui::WorkspaceDocument> m_document;
    std::unique_ptr<ui::ComposerDraft> m_draft;
    std::unique_ptr<server::UsageStore> m_usage;
    std::vector<server::UsageStore::Counter*> m_counters;
    std::unique_ptr<server::HistoryLog> m_history;
};

} // namespace filekill
