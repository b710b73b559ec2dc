#include "server/workspace/jsonfile.h"
#include "server/common/text.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/stream_parser.hpp>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <climits>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>

namespace tollgate::server::jsonfile {

namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

// ---------------------------------------------------------------------------
// Text positions
//
// Boost.JSON values carry no source positions, so a semantic error (a value of
// the wrong type, an out-of-range number) is located afterwards: the text is
// known to be valid JSON at that point, so a tiny structural scanner can map
// every JSON pointer ("/responses/1/status") to the offset of its key (or, for
// array elements, of the value). The index is only built when the first
// semantic error of a file is reported, so well-formed files pay nothing.
// Duplicate keys resolve to the last occurrence, like the parser itself.

struct LineColumn {
    int line = 1;
    int column = 1;
};

bool hasBom(std::string_view text)
{
    // A UTF-8 byte order mark is what some Windows editors prepend; tolerate it.
    return text.substr(0, 3) == "\xEF\xBB\xBF";
}

LineColumn lineColumnAt(std::string_view text, std::size_t offset)
{
    offset = std::min(offset, text.size());
    LineColumn lc;
    for (std::size_t i = hasBom(text) ? 3 : 0; i < offset; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\n') {
            ++lc.line;
            lc.column = 1;
        } else if ((c & 0xC0) != 0x80) {
            // Columns count code points, not bytes, to match what editors show.
            ++lc.column;
        }
    }
    return lc;
}

// ---------------------------------------------------------------------------
// Parsing with positions for syntax errors

std::string describeSyntaxError(
    std::string_view text, std::size_t offset, const json::error_code& ec)
{
    if (ec == json::error::incomplete || offset >= text.size())
        return "JSON syntax error: unexpected end of file";
    if (ec == json::error::extra_data)
        return "JSON syntax error: unexpected text after the end of the document";
    const auto c = static_cast<unsigned char>(text[offset]);
    std::string what;
    if (c >= 0x20 && c < 0x7F) {
        what = std::string("unexpected '") + static_cast<char>(c) + "'";
    } else {
        char buf[8];
        std::snprintf(buf, sizeof buf, "0x%02X", c);
        what = std::string("unexpected byte ") + buf;
    }
    if (ec == json::error::syntax)
        return "JSON syntax error: " + what;
    return "JSON syntax error: " + ec.message() + " (" + what + ")";
}

// ---------------------------------------------------------------------------
// Writing

void appendIndent(std::string& out, int indent)
{
    out.append(static_cast<std::size_t>(indent), ' ');
}

std::string formatDouble(double d)
{
    // Integral values are written without a fraction ("25", not "2.5E1" as
    // Boost.JSON would), fractions in the shortest form that reads back exactly.
    if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 1e15)
        return std::to_string(static_cast<long long>(d));
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, d);
    return std::string(buf, res.ptr);
}

// Pretty printer in the layout of JavaScript's JSON.stringify(v, null, 2):
// one member per line so diffs of workspace files stay line-local.
void writePretty(std::string& out, const json::value& v, int indent)
{
    switch (v.kind()) {
    case json::kind::object: {
        const json::object& o = v.get_object();
        if (o.empty()) {
            out += "{}";
            return;
        }
        out += "{\n";
        bool first = true;
        for (const auto& member : o) {
            if (!first)
                out += ",\n";
            first = false;
            appendIndent(out, indent + 2);
            out += json::serialize(member.key());
            out += ": ";
            writePretty(out, member.value(), indent + 2);
        }
        out += '\n';
        appendIndent(out, indent);
        out += '}';
        return;
    }
    case json::kind::array: {
        const json::array& a = v.get_array();
        if (a.empty()) {
            out += "[]";
            return;
        }
        out += "[\n";
        bool first = true;
        for (const json::value& element : a) {
            if (!first)
                out += ",\n";
            first = false;
            appendIndent(out, indent + 2);
            writePretty(out, element, indent + 2);
        }
        out += '\n';
        appendIndent(out, indent);
        out += ']';
        return;
    }
    case json::kind::string:
        out += json::serialize(v.get_string());
        return;
    case json::kind::int64:
        out += std::to_string(v.get_int64());
        return;
    case json::kind::uint64:
        out += std::to_string(v.get_uint64());
        return;
    case json::kind::double_:
        out += formatDouble(v.get_double());
        return;
    case json::kind::bool_:
        out += v.get_bool() ? "true" : "false";
        return;
    case json::kind::null:
        out += "null";
        return;
    }
}

} // namespace

class PositionIndex {
public:
    explicit PositionIndex(std::string_view text)
        : m_text(text)
    {
        std::size_t pos = skipSpace(hasBom(text) ? 3 : 0);
        m_offsets[std::string()] = pos;
        scanValue(pos, std::string());
    }

    /// Offset of the pointer, else of its closest ancestor that exists.
    std::size_t offsetOf(std::string pointer) const
    {
        for (;;) {
            if (auto it = m_offsets.find(pointer); it != m_offsets.end())
                return it->second;
            if (pointer.empty())
                return 0;
            pointer.erase(pointer.rfind('/'));
        }
    }

private:
    std::size_t skipSpace(std::size_t pos) const
    {
        while (pos < m_text.size()
            && (m_text[pos] == ' ' || m_text[pos] == '\t' || m_text[pos] == '\n'
                || m_text[pos] == '\r'))
            ++pos;
        return pos;
    }

    std::size_t skipString(std::size_t pos) const
    {
        ++pos; // opening quote
        while (pos < m_text.size() && m_text[pos] != '"')
            pos += m_text[pos] == '\\' ? 2 : 1;
        return std::min(pos + 1, m_text.size());
    }

    std::string keyAt(std::size_t begin, std::size_t end) const
    {
        std::string_view raw = m_text.substr(begin, end - begin);
        if (raw.find('\\') == std::string_view::npos)
            return std::string(raw.substr(1, raw.size() - 2));
        json::error_code ec;
        json::value v = json::parse(json::string_view(raw.data(), raw.size()), ec);
        if (ec || !v.is_string())
            return std::string();
        return std::string(v.as_string());
    }

    static std::string escapeToken(std::string_view token)
    {
        std::string out;
        for (char c : token) {
            if (c == '~')
                out += "~0";
            else if (c == '/')
                out += "~1";
            else
                out += c;
        }
        return out;
    }

    std::size_t scanValue(std::size_t pos, const std::string& pointer)
    {
        if (pos >= m_text.size())
            return pos;
        const char c = m_text[pos];
        if (c == '{') {
            pos = skipSpace(pos + 1);
            while (pos < m_text.size() && m_text[pos] != '}') {
                const std::size_t keyBegin = pos;
                pos = skipString(pos);
                const std::string child = pointer + '/' + escapeToken(keyAt(keyBegin, pos));
                m_offsets[child] = keyBegin;
                pos = skipSpace(pos);
                if (pos < m_text.size() && m_text[pos] == ':')
                    pos = skipSpace(pos + 1);
                pos = skipSpace(scanValue(pos, child));
                if (pos < m_text.size() && m_text[pos] == ',')
                    pos = skipSpace(pos + 1);
            }
            return std::min(pos + 1, m_text.size());
        }
        if (c == '[') {
            pos = skipSpace(pos + 1);
            std::size_t index = 0;
            while (pos < m_text.size() && m_text[pos] != ']') {
                const std::string child = pointer + '/' + std::to_string(index++);
                m_offsets[child] = pos;
                pos = skipSpace(scanValue(pos, child));
                if (pos < m_text.size() && m_text[pos] == ',')
                    pos = skipSpace(pos + 1);
            }
            return std::min(pos + 1, m_text.size());
        }
        if (c == '"')
            return skipString(pos);
        while (pos < m_text.size() && m_text[pos] != ',' && m_text[pos] != '}' && m_text[pos] != ']'
            && m_text[pos] != ' ' && m_text[pos] != '\t' && m_text[pos] != '\n'
            && m_text[pos] != '\r')
            ++pos;
        return pos;
    }

    std::string_view m_text;
    std::map<std::string, std::size_t> m_offsets;
};

std::string jsonQuoted(std::string_view s)
{
    return json::serialize(json::string_view(s.data(), s.size()));
}

/// Parses text as one JSON document. On a syntax error appends a diagnostic
/// with the line and column where the parser stopped.
bool parseJson(std::string_view text, const std::string& file, json::value* out,
    std::vector<Diagnostic>* errors)
{
    const std::size_t start = hasBom(text) ? 3 : 0;

    json::stream_parser parser;
    json::error_code ec;
    std::size_t offset = start;
    // write_some stops at the first offending character and reports how many
    // bytes it consumed, which is exactly the error position.
    offset += parser.write_some(text.data() + start, text.size() - start, ec);
    if (!ec && offset < text.size()) {
        ec = json::error::extra_data;
    } else if (!ec) {
        parser.finish(ec);
        if (ec)
            offset = text.size();
    }
    if (ec) {
        if (errors) {
            const LineColumn lc = lineColumnAt(text, offset);
            errors->push_back({ file, lc.line, lc.column, describeSyntaxError(text, offset, ec) });
        }
        return false;
    }
    *out = parser.release();
    return true;
}

std::string toPrettyText(const json::value& v)
{
    std::string out;
    writePretty(out, v, 0);
    out += '\n';
    return out;
}

json::string jsonString(const std::string& s)
{
    return json::string(json::string_view(s.data(), s.size()));
}

// ---------------------------------------------------------------------------
// Typed reading with diagnostics

Reader::Reader(std::string_view text, std::string file, std::vector<Diagnostic>* errors)
    : m_text(text)
    , m_file(std::move(file))
    , m_errors(errors)
{
}

Reader::~Reader() = default;

void Reader::error(const std::string& pointer, std::string message)
{
    ++m_count;
    if (!m_errors)
        return;
    if (!m_index)
        m_index = std::make_unique<PositionIndex>(m_text);
    const LineColumn lc = lineColumnAt(m_text, m_index->offsetOf(pointer));
    m_errors->push_back({ m_file, lc.line, lc.column, std::move(message) });
}

bool Reader::getString(
    const json::object& o, std::string_view key, const std::string& pointer, std::string* out)
{
    const json::value* v = o.if_contains(key);
    if (!v)
        return false;
    if (!v->is_string()) {
        error(child(pointer, key), jsonQuoted(key) + " must be a string");
        return false;
    }
    *out = std::string(v->get_string());
    return true;
}

bool Reader::getBool(
    const json::object& o, std::string_view key, const std::string& pointer, bool* out)
{
    const json::value* v = o.if_contains(key);
    if (!v)
        return false;
    if (!v->is_bool()) {
        error(child(pointer, key), jsonQuoted(key) + " must be true or false");
        return false;
    }
    *out = v->get_bool();
    return true;
}

bool Reader::getInt(const json::object& o, std::string_view key, const std::string& pointer,
    long long min, long long max, long long* out)
{
    const json::value* v = o.if_contains(key);
    if (!v)
        return false;
    json::error_code ec;
    const auto n = v->is_number() ? v->to_number<long long>(ec) : 0;
    if (!v->is_number() || ec || n < min || n > max) {
        std::string message = jsonQuoted(key);
        if (max >= INT_MAX)
            message += min > 0 ? " must be a positive integer" : " must be a non-negative integer";
        else
            message += " must be an integer between " + std::to_string(min) + " and "
                + std::to_string(max);
        error(child(pointer, key), std::move(message));
        return false;
    }
    *out = n;
    return true;
}

void Reader::readSize(const json::object& o, std::string_view key, const std::string& pointer,
    long long min, std::size_t* out)
{
    readInt(o, key, pointer, min, std::numeric_limits<long long>::max(), out);
}

void Reader::readDouble(const json::object& o, std::string_view key, const std::string& pointer,
    double min, double max, double* out)
{
    const json::value* v = o.if_contains(key);
    if (!v)
        return;
    const double d = v->is_number() ? v->to_number<double>() : 0.0;
    if (!v->is_number() || !std::isfinite(d) || d < min || d > max) {
        std::ostringstream message;
        message << jsonQuoted(key) << " must be a number between " << min << " and " << max;
        error(child(pointer, key), message.str());
        return;
    }
    *out = d;
}

const json::object* Reader::getObject(
    const json::object& o, std::string_view key, const std::string& pointer)
{
    const json::value* v = o.if_contains(key);
    if (!v)
        return nullptr;
    if (!v->is_object()) {
        error(child(pointer, key), jsonQuoted(key) + " must be an object");
        return nullptr;
    }
    return &v->get_object();
}

const json::array* Reader::getArray(
    const json::object& o, std::string_view key, const std::string& pointer)
{
    const json::value* v = o.if_contains(key);
    if (!v)
        return nullptr;
    if (!v->is_array()) {
        error(child(pointer, key), jsonQuoted(key) + " must be an array");
        return nullptr;
    }
    return &v->get_array();
}

bool Reader::checkSchemaVersion(const json::object& root)
{
    const json::value* v = root.if_contains("schemaVersion");
    if (!v)
        return true; // hand-written files may leave it out: current version
    json::error_code ec;
    const auto n = v->is_number() ? v->to_number<long long>(ec) : 0;
    if (!v->is_number() || ec || n < 1) {
        error("/schemaVersion", "\"schemaVersion\" must be a positive integer");
        return false;
    }
    if (n > kSchemaVersion) {
        error("/schemaVersion",
            "schemaVersion " + std::to_string(n)
                + " is newer than this version of Tollgate supports ("
                + std::to_string(kSchemaVersion) + "); update Tollgate to open this file");
        return false;
    }
    return true;
}

/// Reads an array of strings; reports each non-string entry.
void readStringList(Reader& r, const json::object& o, std::string_view key,
    const std::string& pointer, std::vector<std::string>* out)
{
    const json::array* list = r.getArray(o, key, pointer);
    if (!list)
        return;
    std::vector<std::string> values;
    for (std::size_t i = 0; i < list->size(); ++i) {
        if (!(*list)[i].is_string()) {
            r.error(Reader::child(Reader::child(pointer, key), i),
                "each entry of " + jsonQuoted(key) + " must be a string");
            continue;
        }
        values.emplace_back((*list)[i].get_string());
    }
    *out = std::move(values);
}

} // namespace tollgate::server::jsonfile
