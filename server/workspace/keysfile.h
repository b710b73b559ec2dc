#pragma once

// keys.json: API key metadata and SHA-256 hashes, never a raw key.

#include "server/common/diagnostic.h"
#include "server/workspace/workspace.h"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace tollgate::server {

inline constexpr std::string_view kKeysFileName = "keys.json";

std::string keysToJson(const std::vector<ApiKey>& keys);
bool keysFromJson(std::string_view text, const std::string& fileName, std::vector<ApiKey>* out,
    std::vector<Diagnostic>* errors);
/// Reads DIR/keys.json (no file = no keys). False with diagnostics when broken.
bool loadKeys(
    const std::filesystem::path& dir, std::vector<ApiKey>* out, std::vector<Diagnostic>* errors);
/// False with *error when DIR/keys.json exists but does not load: it was not
/// read into the workspace, so replacing it would forget keys the user has.
bool canReplaceKeys(const std::filesystem::path& dir, std::string* error);
/// Writes DIR/keys.json atomically; refuses to replace a file that does not load.
bool saveKeys(
    const std::filesystem::path& dir, const std::vector<ApiKey>& keys, std::string* error);

} // namespace tollgate::server
