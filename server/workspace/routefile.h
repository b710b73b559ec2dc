#pragma once

// routes/<method>-<slug>.json: one route per file (schemaVersion), written
// pretty in a stable key order so diffs stay line-local.

#include "server/common/diagnostic.h"
#include "server/workspace/workspace.h"

#include <string>
#include <string_view>
#include <vector>

namespace tollgate::server {

/// JSON text (pretty, stable key order) of one route.
std::string routeToJson(const Route& route);
/// Parses one route file's text. fileName is used in diagnostics.
bool routeFromJson(std::string_view text, const std::string& fileName, Route* out,
    std::vector<Diagnostic>* errors);

/// Ends in ".json" (any case) and is more than that.
bool isJsonFileName(const std::string& name);
/// A name a route file may have: a JSON file name without path separators.
bool isValidRouteFileName(const std::string& name);

} // namespace tollgate::server
