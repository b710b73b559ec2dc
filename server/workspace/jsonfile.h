#pragma once

// Internal to server/*.cpp (never included by ui/): reading and writing the
// workspace's JSON files the same way everywhere. Parse errors and wrong
// values become Diagnostics with the file, line and column; files are written
// pretty, in a stable key order, with a trailing newline so diffs stay
// line-local.

#include "server/common/diagnostic.h"
#include "server/common/files.h"
#include "server/workspace/workspace.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/string.hpp>
#include <boost/json/value.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace tollgate::server::jsonfile {

/// s as a JSON string literal, quotes included (for messages).
std::string jsonQuoted(std::string_view s);
boost::json::string jsonString(const std::string& s);


/// Parses text as one JSON document. On a syntax error appends a diagnostic
/// with the line and column where the parser stopped.
bool parseJson(std::string_view text, const std::string& file, boost::json::value* out,
    std::vector<Diagnostic>* errors);

/// Two-space indented text in the layout of JSON.stringify(v, null, 2), with
/// a trailing newline.
std::string toPrettyText(const boost::json::value& v);

class PositionIndex;

/// Typed reading of a parsed document with diagnostics located by JSON
/// pointer ("/responses/1/status"). Each getter leaves *out alone when the key
/// is absent (defaults apply) or the value is invalid (after reporting it),
/// and returns whether the key was present and valid.
class Reader {
public:
    /// errors may be null: then problems are only counted.
    Reader(std::string_view text, std::string file, std::vector<Diagnostic>* errors);
    ~Reader();
    Reader(const Reader&) = delete;
    Reader& operator=(const Reader&) = delete;

    int errorCount() const { return m_count; }
    void error(const std::string& pointer, std::string message);

    static std::string child(const std::string& pointer, std::string_view key)
    {
        return pointer + '/' + std::string(key);
    }
    static std::string child(const std::string& pointer, std::size_t index)
    {
        return pointer + '/' + std::to_string(index);
    }

    bool getString(const boost::json::object& o, std::string_view key, const std::string& pointer,
        std::string* out);
    bool getBool(
        const boost::json::object& o, std::string_view key, const std::string& pointer, bool* out);
    bool getInt(const boost::json::object& o, std::string_view key, const std::string& pointer,
        long long min, long long max, long long* out);

    template <typename T>
    void readInt(const boost::json::object& o, std::string_view key, const std::string& pointer,
        long long min, long long max, T* out)
    {
        long long n = 0;
        if (getInt(o, key, pointer, min, max, &n))
            *out = static_cast<T>(n);
    }

    void readSize(const boost::json::object& o, std::string_view key, const std::string& pointer,
        long long min, std::size_t* out);
    void readDouble(const boost::json::object& o, std::string_view key, const std::string& pointer,
        double min, double max, double* out);
    const boost::json::object* getObject(
        const boost::json::object& o, std::string_view key, const std::string& pointer);
    const boost::json::array* getArray(
        const boost::json::object& o, std::string_view key, const std::string& pointer);

    /// Checks the file's schemaVersion; false means the rest must not be read.
    bool checkSchemaVersion(const boost::json::object& root);

private:
    std::string_view m_text;
    std::string m_file;
    std::vector<Diagnostic>* m_errors;
    std::unique_ptr<PositionIndex> m_index; // built on the first error only
    int m_count = 0;
};

/// Reads an array of strings; reports each non-string entry.
void readStringList(Reader& r, const boost::json::object& o, std::string_view key,
    const std::string& pointer, std::vector<std::string>* out);

} // namespace tollgate::server::jsonfile
