#pragma once

// tollgate.json: the workspace's name, server settings, tiers and composer
// environments (schemaVersion).

#include "server/common/diagnostic.h"
#include "server/workspace/workspace.h"

#include <string>
#include <string_view>
#include <vector>

namespace tollgate::server {

inline constexpr std::string_view kSettingsFileName = "tollgate.json";

/// JSON text (pretty, stable key order) of the settings file.
std::string settingsToJson(const Workspace& ws);
/// Reads the settings file's text into *ws field by field: an invalid value
/// is reported and keeps its default, the valid ones still apply (the server
/// must run with some settings while the user fixes the file).
void settingsFromJson(std::string_view text, const std::string& fileName, Workspace* ws,
    std::vector<Diagnostic>* errors);

} // namespace tollgate::server
