#include "server/interchange/importmerge.h"

#include <algorithm>

namespace tollgate::server {

std::string routeShape(const std::string& path)
{
    std::string out;
    out.reserve(path.size());
    for (std::size_t i = 0; i < path.size(); ++i) {
        if (path[i] == '{') {
            const std::size_t close = path.find('}', i);
            if (close != std::string::npos) {
                out += "{}";
                i = close;
                continue;
            }
        }
        out += path[i];
    }
    return out;
}

ImportMerge mergeImport(Workspace& ws, const std::vector<SavedRequest>& existingRequests,
    const ImportedApi& api, ConflictPolicy policy)
{
    ImportMerge merge;
    const bool replace = policy == ConflictPolicy::Replace;

    for (const Route& imported : api.routes) {
        const std::string shape = routeShape(imported.path);
        auto same = std::find_if(ws.routes.begin(), ws.routes.end(), [&](const Route& r) {
            return r.method == imported.method && routeShape(r.path) == shape;
        });
        if (same == ws.routes.end()) {
            merge.addedRoutes.push_back(ws.routes.size());
            ws.routes.push_back(imported);
            ws.routes.back().fileName.clear();
            continue;
        }
        const auto index = static_cast<std::size_t>(same - ws.routes.begin());
        const bool fromThisImport = std::find(merge.addedRoutes.begin(), merge.addedRoutes.end(),
                                        index)
            != merge.addedRoutes.end();
        const std::string what = "route " + imported.method + ' ' + imported.path;
        if (fromThisImport) {
            // Two operations of the file that Tollgate cannot tell apart.
            merge.conflicts.push_back({ what + " (twice in the file; the first is kept)", false });
            continue;
        }
        merge.conflicts.push_back({ what, replace });
        if (replace) {
            const std::string fileName = same->fileName;
            *same = imported;
            same->fileName = fileName;
            merge.replacedRoutes.push_back(index);
        }
    }

    for (const Environment& imported : api.environments) {
        auto same = std::find_if(ws.environments.begin(), ws.environments.end(),
            [&](const Environment& e) { return e.name == imported.name; });
        if (same == ws.environments.end()) {
            merge.addedEnvironments.push_back(ws.environments.size());
            ws.environments.push_back(imported);
            continue;
        }
        merge.conflicts.push_back({ "environment \"" + imported.name + '"', replace });
        if (replace) {
            *same = imported;
            merge.replacedEnvironments.push_back(
                static_cast<std::size_t>(same - ws.environments.begin()));
        }
    }

    // Requests with the same folder and name within the file all stay (saving
    // gives each a file name of its own); only the workspace's own conflict.
    for (const SavedRequest& imported : api.requests) {
        auto same = std::find_if(existingRequests.begin(), existingRequests.end(),
            [&](const SavedRequest& r) {
                return r.folder == imported.folder && r.name == imported.name;
            });
        SavedRequest copy = imported;
        copy.fileName.clear();
        if (same != existingRequests.end()) {
            merge.conflicts.push_back({ "saved request \""
                    + (imported.folder.empty() ? imported.name
                                               : imported.folder + '/' + imported.name)
                    + '"',
                replace });
            if (!replace)
                continue;
            copy.fileName = same->fileName;
            ++merge.requestsReplaced;
        }
        merge.requests.push_back(std::move(copy));
    }
    return merge;
}

Workspace workspaceFromImport(const ImportedApi& api, ImportMerge* merge)
{
    Workspace ws;
    if (!api.title.empty())
        ws.name = api.title;
    ws.description = api.description;
    *merge = mergeImport(ws, {}, api, ConflictPolicy::KeepExisting);
    return ws;
}

} // namespace tollgate::server
