#pragma once

// What the importer tests share: the committed sample files, broken files
// written on the fly, and finding routes, requests and notes in a result.

#include "server/interchange/importedapi.h"
#include "server/routing/routetable.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace importtesting {

using namespace tollgate::server;

inline std::filesystem::path dataFile(std::string_view relative)
{
    return std::filesystem::path(TOLLGATE_TEST_DATA) / "import" / relative;
}

inline std::filesystem::path writeFile(
    const QTemporaryDir& dir, const std::string& name, std::string_view text)
{
    const std::filesystem::path path = std::filesystem::path(dir.path().toStdString()) / name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

/// Every error and note, one a line: what a failed check prints.
inline std::string describe(const ImportResult& result)
{
    std::string out;
    for (const Diagnostic& d : result.errors)
        out += "error " + d.toString() + '\n';
    for (const ImportNote& n : result.api.notes)
        out += std::string(toString(n.kind)) + ' ' + n.where + ' ' + n.message + '\n';
    return out;
}

/// The first note whose message holds every one of `parts`, or nullptr.
inline const ImportNote* findNote(
    const ImportedApi& api, std::initializer_list<std::string_view> parts)
{
    for (const ImportNote& note : api.notes) {
        if (std::all_of(parts.begin(), parts.end(),
                [&](std::string_view p) { return note.message.find(p) != std::string::npos; }))
            return &note;
    }
    return nullptr;
}

/// The line of "file:line" (0 when there is none).
inline int lineOf(const std::string& where)
{
    const std::size_t colon = where.rfind(':');
    return colon == std::string::npos ? 0 : std::atoi(where.c_str() + colon + 1);
}

/// The 1-based line on which `needle` first stands in `text`.
inline int lineOfText(std::string_view text, std::string_view needle)
{
    const std::size_t at = text.find(needle);
    return at == std::string_view::npos ? 0
                                        : 1
            + static_cast<int>(
                std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
}

inline const Route* findRoute(
    const ImportedApi& api, std::string_view method, std::string_view path)
{
    for (const Route& r : api.routes)
        if (r.method == method && r.path == path)
            return &r;
    return nullptr;
}

inline const SavedRequest* findRequest(const ImportedApi& api, std::string_view name)
{
    for (const SavedRequest& r : api.requests)
        if (r.name == name)
            return &r;
    return nullptr;
}

/// What the engine reports when it compiles these routes for serving.
inline std::vector<Diagnostic> compileProblems(
    const std::vector<Route>& routes, std::size_t* compiled = nullptr)
{
    Workspace ws;
    ws.routes = routes;
    std::vector<Diagnostic> errors;
    const auto table = RouteTable::build(ws, 1, &errors);
    if (compiled)
        *compiled = table->routes().size();
    return errors;
}

inline std::string joinDiagnostics(const std::vector<Diagnostic>& list)
{
    std::string out;
    for (const Diagnostic& d : list)
        out += d.toString() + '\n';
    return out;
}

} // namespace importtesting
