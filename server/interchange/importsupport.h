#pragma once

// What the format importers share: reading loosely typed JSON (files written
// by other tools hold numbers where strings are expected and the reverse),
// collecting notes with file:line, folder names the request store accepts, and
// URLs taken apart without a URL library (they hold {{variables}} that no URL
// parser accepts).

#include "server/interchange/importedapi.h"
#include "server/interchange/sourcetree.h"

#include <boost/json/value.hpp>

#include <initializer_list>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tollgate::server {

/// A string as it is, an integer or a floating-point number as text; empty
/// for anything else (and for nullptr).
std::string scalarText(const boost::json::value* value);
std::string scalarText(const boost::json::object& object, std::string_view key);
/// A boolean member, or `fallback` when it is absent or not a boolean.
bool boolField(const boost::json::object& object, std::string_view key, bool fallback);
/// An integer member (a whole floating-point number counts), or `fallback`.
long long integerField(const boost::json::object& object, std::string_view key, long long fallback);
const boost::json::object* objectField(const boost::json::object& object, std::string_view key);
const boost::json::array* arrayField(const boost::json::object& object, std::string_view key);

/// "a, b, c".
std::string commaList(const std::vector<std::string>& items);

/// A name that can be one folder under requests/ on every platform: '/', '\'
/// and the characters Windows refuses become '-', blanks and leading dots are
/// trimmed, and nothing left gives "_".
std::string folderName(std::string_view name);

/// The notes of one import: each names the file and line of the value it is
/// about. The same note twice (several requests inheriting one unsupported
/// auth) is kept once.
class ImportNotes {
public:
    ImportNotes(const SourceTree& tree, std::vector<ImportNote>* out);

    void skip(std::string_view pointer, std::string message, const SourceTree* tree = nullptr);
    void approximate(
        std::string_view pointer, std::string message, const SourceTree* tree = nullptr);
    void add(ImportNote::Kind kind, std::string_view pointer, std::string message,
        const SourceTree* tree = nullptr);

    /// A Skipped note for each member of `object` that is not in `known`.
    void unknownFields(const boost::json::object& object, std::string_view pointer,
        std::initializer_list<std::string_view> known, std::string_view what);

private:
    const SourceTree& m_tree;
    std::vector<ImportNote>* m_out;
    std::set<std::pair<std::string, std::string>> m_seen;
};

/// The structural problems of an import: any one means nothing is imported.
class ImportErrors {
public:
    explicit ImportErrors(const SourceTree& tree)
        : m_tree(tree)
    {
    }
    void add(std::string_view pointer, std::string message);
    bool any() const { return !m_list.empty(); }
    std::vector<Diagnostic> take() { return std::move(m_list); }

    /// The member as an object / array, nullptr when absent; a member of
    /// another type is an error (and gives nullptr).
    const boost::json::object* object(
        const boost::json::object& parent, std::string_view key, std::string_view pointer);
    const boost::json::array* array(
        const boost::json::object& parent, std::string_view key, std::string_view pointer);
    /// The member as a string ("" when absent); another type is an error.
    std::string string(
        const boost::json::object& parent, std::string_view key, std::string_view pointer);

private:
    const SourceTree& m_tree;
    std::vector<Diagnostic> m_list;
};

/// What every importer holds while it reads a file: the API being made, its
/// notes and the structural errors found so far.
class ImporterBase {
protected:
    explicit ImporterBase(const SourceTree& tree)
        : m_tree(tree)
        , m_notes(tree, &m_api.notes)
        , m_errors(tree)
    {
    }
    /// The result: the API, or nothing but the errors when there are any.
    ImportResult finish();

    const SourceTree& m_tree;
    ImportedApi m_api;
    ImportNotes m_notes;
    ImportErrors m_errors;
};

/// "https://api.example.com:8443/v1/users?id=1#top" as origin
/// ("https://api.example.com:8443"), path ("/v1/users"), query ("id=1",
/// without '?') and fragment ("top"). A URL without "://" (one starting with
/// {{baseUrl}}) has an empty origin and its text up to the first '/' as host.
struct UrlParts {
    std::string origin;
    std::string host; ///< authority without user info ("api.example.com:8443")
    std::string path;
    std::string query;
    std::string fragment;
    bool hasQuery = false;
};
UrlParts splitUrl(std::string_view url);

/// Percent-encodes a form field for application/x-www-form-urlencoded text,
/// leaving {{variable}} references as they are so the composer still
/// expands them.
std::string formEncode(std::string_view text);

} // namespace tollgate::server
