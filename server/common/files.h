#pragma once

// Whole-file reads and crash-safe writes: a file is written to a temporary
// file in the same directory, flushed and renamed over the old one, so a
// crash never leaves a half-written file.

#include <filesystem>
#include <string>
#include <string_view>

namespace tollgate::server {

/// The whole file; false with a reason on failure.
bool readFile(const std::filesystem::path& path, std::string* out, std::string* error);
/// Writes content to path via a temporary file + fsync + rename, keeping the
/// replaced file's permissions.
bool writeFileAtomic(
    const std::filesystem::path& path, std::string_view content, std::string* error);
/// writeFileAtomic unless the file already holds exactly that.
bool writeFileIfChanged(
    const std::filesystem::path& path, std::string_view content, std::string* error);

} // namespace tollgate::server
