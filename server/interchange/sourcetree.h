#pragma once

// A file to import, read as one JSON value whatever it was written in (JSON or
// YAML), remembering where every value came from so a problem is reported as
// file:line. YAML anchors, aliases and merge keys (<<) are resolved; scalars
// follow YAML 1.2's core schema (plain true/false/null/numbers, everything
// quoted is a string).

#include "server/common/diagnostic.h"

#include <boost/json/value.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace tollgate::server {

namespace jsonfile {
class Reader;
}

class SourceTree {
public:
    /// Reads and parses a file (JSON when its first character is '{' or '[',
    /// YAML otherwise). On failure returns false with a diagnostic naming the
    /// line and column.
    static bool read(const std::filesystem::path& file, SourceTree* out, Diagnostic* error);
    /// Parses text; `name` is used in diagnostics.
    static bool parse(std::string_view text, std::string name, SourceTree* out, Diagnostic* error);

    SourceTree();
    ~SourceTree();
    SourceTree(SourceTree&&) noexcept;
    SourceTree& operator=(SourceTree&&) noexcept;

    const boost::json::value& root() const { return m_root; }
    const std::string& name() const { return m_name; }
    bool isYaml() const { return m_yaml; }

    /// The value at a JSON pointer ("/paths/~1users/get"), or nullptr.
    const boost::json::value* at(std::string_view pointer) const;
    /// A diagnostic located at the value at pointer (or its closest ancestor).
    Diagnostic diagnostic(std::string_view pointer, std::string message) const;
    /// "name:line" for messages and reports.
    std::string where(std::string_view pointer) const;

    /// Where a value starts (1-based; 0 when unknown).
    struct LineColumn {
        int line = 0;
        int column = 0;
    };

private:
    LineColumn locate(std::string_view pointer) const;

    boost::json::value m_root;
    std::string m_name;
    bool m_yaml = false;
    std::string m_text; // JSON only: positions are found by scanning on demand
    std::unordered_map<std::string, LineColumn> m_yamlPositions;
    mutable std::unique_ptr<jsonfile::Reader> m_jsonIndex;
    mutable std::vector<Diagnostic> m_found;
};

/// "/a~1b" for parent "" and key "a/b" (RFC 6901 escaping).
std::string pointerChild(std::string_view parent, std::string_view key);
std::string pointerChild(std::string_view parent, std::size_t index);
/// The value a JSON pointer names inside v, or nullptr (also for a malformed pointer).
const boost::json::value* resolvePointer(const boost::json::value& v, std::string_view pointer);

} // namespace tollgate::server
