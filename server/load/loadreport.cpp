#include "server/load/loadreport.h"

#include "server/common/diagnostic.h"
#include "server/common/text.h"
#include "server/workspace/jsonfile.h"
#include "server/workspace/workspacestore.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/string.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <string_view>
#include <system_error>
#include <tuple>

namespace tollgate::server {

namespace fs = std::filesystem;
namespace json = boost::json;
using jsonfile::jsonQuoted;
using jsonfile::jsonString;

namespace {

/// Run files carry a schemaVersion like every workspace file; a newer one is
/// refused rather than half-read.
constexpr std::int64_t kRunSchemaVersion = 1;

// ---------------------------------------------------------------------------
// Base64 (RFC 4648, standard alphabet, padded) for the histogram encodings

constexpr std::string_view kBase64Alphabet
    = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string base64Encode(std::string_view bytes)
{
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    auto byte = [&](std::size_t i) {
        return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i]));
    };
    std::size_t i = 0;
    for (; i + 3 <= bytes.size(); i += 3) {
        const std::uint32_t n = byte(i) << 16 | byte(i + 1) << 8 | byte(i + 2);
        out += kBase64Alphabet[n >> 18];
        out += kBase64Alphabet[(n >> 12) & 63];
        out += kBase64Alphabet[(n >> 6) & 63];
        out += kBase64Alphabet[n & 63];
    }
    const std::size_t rest = bytes.size() - i;
    if (rest > 0) {
        const std::uint32_t n = byte(i) << 16 | (rest == 2 ? byte(i + 1) << 8 : 0);
        out += kBase64Alphabet[n >> 18];
        out += kBase64Alphabet[(n >> 12) & 63];
        out += rest == 2 ? kBase64Alphabet[(n >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

int base64Value(char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == '/')
        return 63;
    return -1;
}

/// Only the spelling base64Encode produces is accepted (padding, no
/// whitespace, zero bits under the padding): a run file edited by hand is
/// either exactly right or refused, never quietly read as something else.
bool base64Decode(std::string_view text, std::string* out)
{
    if (text.size() % 4 != 0)
        return false;
    std::string bytes;
    bytes.reserve(text.size() / 4 * 3);
    for (std::size_t i = 0; i < text.size(); i += 4) {
        const bool last = i + 4 == text.size();
        std::uint32_t n = 0;
        int padding = 0;
        for (std::size_t j = 0; j < 4; ++j) {
            const char c = text[i + j];
            int v = 0;
            if (c == '=' && last && j >= 2) {
                ++padding;
            } else {
                v = base64Value(c);
                if (v < 0 || padding > 0)
                    return false;
            }
            n = n << 6 | static_cast<std::uint32_t>(v);
        }
        if ((padding == 1 && (n & 0xff) != 0) || (padding == 2 && (n & 0xffff) != 0))
            return false;
        bytes += static_cast<char>(n >> 16);
        if (padding < 2)
            bytes += static_cast<char>((n >> 8) & 0xff);
        if (padding < 1)
            bytes += static_cast<char>(n & 0xff);
    }
    *out = std::move(bytes);
    return true;
}

// ---------------------------------------------------------------------------
// Writing

const char* modelName(LoadModel model)
{
    return model == LoadModel::Open ? "open" : "closed";
}

/// JSON has no NaN or infinity; null makes such a value fail loudly on
/// reading instead of writing a file no parser accepts.
json::value number(double d)
{
    return std::isfinite(d) ? json::value(d) : json::value(nullptr);
}

json::array pairsToJson(const std::vector<std::pair<std::string, std::string>>& pairs)
{
    json::array a;
    for (const auto& [name, value] : pairs) {
        json::object o;
        o["name"] = jsonString(name);
        o["value"] = jsonString(value);
        a.push_back(std::move(o));
    }
    return a;
}

json::object histogramToJson(const LatencyHistogram& h)
{
    json::object o;
    o["count"] = h.count();
    o["min"] = h.min();
    o["max"] = h.max();
    o["mean"] = number(h.mean());
    o["p50"] = h.percentile(50);
    o["p90"] = h.percentile(90);
    o["p99"] = h.percentile(99);
    o["p999"] = h.percentile(99.9);
    o["encoded"] = base64Encode(h.toBytes());
    return o;
}

void appendCounts(const LoadCounts& counts, json::object* o)
{
    (*o)["requests"] = counts.requests;
    json::object statuses;
    for (const auto& [status, n] : counts.statuses)
        statuses[std::to_string(status)] = n;
    (*o)["statuses"] = std::move(statuses);
    json::object errors;
    for (std::size_t i = 0; i < kLoadErrorKinds; ++i)
        errors[loadErrorName(static_cast<LoadErrorKind>(i))] = counts.errors[i];
    (*o)["errors"] = std::move(errors);
    (*o)["latency"] = histogramToJson(counts.latency);
    (*o)["bytesOut"] = counts.bytesOut;
    (*o)["bytesIn"] = counts.bytesIn;
}

json::array slicesToJson(const std::vector<LoadSlice>& slices)
{
    json::array a;
    for (const LoadSlice& slice : slices) {
        json::object o;
        o["name"] = jsonString(slice.name);
        appendCounts(slice.counts, &o);
        a.push_back(std::move(o));
    }
    return a;
}

json::object secondToJson(const LoadSecond& s)
{
    json::object o;
    o["second"] = s.second;
    o["warmup"] = s.warmup;
    o["requests"] = s.requests;
    json::array classes;
    for (std::size_t cls = 1; cls < s.classes.size(); ++cls)
        classes.push_back(s.classes[cls]);
    o["classes"] = std::move(classes);
    o["errors"] = s.errors;
    o["latency"] = histogramToJson(s.latency);
    return o;
}

// ---------------------------------------------------------------------------
// Reading. Every reader leaves its output alone when the key is absent (so
// defaults apply) and stops at the first problem, which it reports as
// "path: what is wrong" with the path written the way a script would reach
// the value ("mix[2].weight", "timeline[4].latency.encoded").

std::string field(const std::string& path, std::string_view key)
{
    return path.empty() ? std::string(key) : path + '.' + std::string(key);
}

std::string element(const std::string& path, std::size_t index)
{
    return path + '[' + std::to_string(index) + ']';
}

bool fail(std::string* error, const std::string& path, std::string_view message)
{
    setError(error, path + ": " + std::string(message));
    return false;
}

bool readString(const json::object& o, std::string_view key, const std::string& path,
    std::string* out, std::string* error)
{
    const json::value* v = o.if_contains(key);
    if (!v)
        return true;
    if (!v->is_string())
        return fail(error, field(path, key), "must be a string");
    *out = std::string(v->get_string());
    return true;
}

bool readBool(const json::object& o, std::string_view key, const std::string& path, bool* out,
    std::string* error)
{
    const json::value* v = o.if_contains(key);
    if (!v)
        return true;
    if (!v->is_bool())
        return fail(error, field(path, key), "must be true or false");
    *out = v->get_bool();
    return true;
}

/// Finite and >= 0: every double of a plan or a report is a count, a rate,
/// a weight or a duration.
bool readDouble(const json::object& o, std::string_view key, const std::string& path, double* out,
    std::string* error)
{
    const json::value* v = o.if_contains(key);
    if (!v)
        return true;
    const double d = v->is_number() ? v->to_number<double>() : -1.0;
    if (!std::isfinite(d) || d < 0)
        return fail(error, field(path, key), "must be a number >= 0");
    *out = d;
    return true;
}

bool readUint(const json::object& o, std::string_view key, const std::string& path,
    std::uint64_t* out, std::string* error)
{
    const json::value* v = o.if_contains(key);
    if (!v)
        return true;
    json::error_code ec;
    const std::uint64_t n = v->is_number() ? v->to_number<std::uint64_t>(ec) : 0;
    if (!v->is_number() || ec)
        return fail(error, field(path, key), "must be an integer >= 0");
    *out = n;
    return true;
}

template <typename Int>
bool readInt(const json::object& o, std::string_view key, const std::string& path, Int min,
    Int* out, std::string* error)
{
    const json::value* v = o.if_contains(key);
    if (!v)
        return true;
    json::error_code ec;
    const Int n = v->is_number() ? v->to_number<Int>(ec) : min;
    if (!v->is_number() || ec || n < min)
        return fail(error, field(path, key), "must be an integer >= " + std::to_string(min));
    *out = n;
    return true;
}

/// The array or object under key, null when absent; *ok turns false (with
/// the error set) when it is there but of another type.
const json::array* arrayAt(const json::object& o, std::string_view key, const std::string& path,
    bool* ok, std::string* error)
{
    const json::value* v = o.if_contains(key);
    if (!v)
        return nullptr;
    if (!v->is_array())
        *ok = fail(error, field(path, key), "must be an array");
    return v->if_array();
}

const json::object* objectAt(const json::object& o, std::string_view key, const std::string& path,
    bool* ok, std::string* error)
{
    const json::value* v = o.if_contains(key);
    if (!v)
        return nullptr;
    if (!v->is_object())
        *ok = fail(error, field(path, key), "must be an object");
    return v->if_object();
}

bool readPairs(const json::object& o, std::string_view key, const std::string& path,
    std::vector<std::pair<std::string, std::string>>* out, std::string* error)
{
    bool ok = true;
    const json::array* a = arrayAt(o, key, path, &ok, error);
    if (!a)
        return ok;
    const std::string here = field(path, key);
    std::vector<std::pair<std::string, std::string>> pairs;
    for (std::size_t i = 0; i < a->size(); ++i) {
        const std::string at = element(here, i);
        const json::object* e = (*a)[i].if_object();
        if (!e)
            return fail(error, at, "must be an object with a name and a value");
        if (!e->contains("name"))
            return fail(error, field(at, "name"), "missing");
        std::pair<std::string, std::string> pair;
        if (!readString(*e, "name", at, &pair.first, error)
            || !readString(*e, "value", at, &pair.second, error))
            return false;
        pairs.push_back(std::move(pair));
    }
    *out = std::move(pairs);
    return true;
}

bool readTarget(const json::value& v, const std::string& path, LoadTarget* out, std::string* error)
{
    const json::object* o = v.if_object();
    if (!o)
        return fail(error, path, "must be an object");
    LoadTarget t;
    if (!readString(*o, "name", path, &t.name, error)
        || !readString(*o, "method", path, &t.method, error)
        || !readString(*o, "path", path, &t.path, error)
        || !readPairs(*o, "params", path, &t.params, error)
        || !readPairs(*o, "headers", path, &t.headers, error)
        || !readString(*o, "body", path, &t.body, error)
        || !readDouble(*o, "weight", path, &t.weight, error))
        return false;
    *out = std::move(t);
    return true;
}

bool readKey(const json::value& v, const std::string& path, LoadKey* out, std::string* error)
{
    const json::object* o = v.if_object();
    if (!o)
        return fail(error, path, "must be an object");
    // A "secret" member is ignored like any unknown one: run files are
    // shared and committed by accident, so nothing may come back from them
    // as a key to send.
    LoadKey k;
    if (!readString(*o, "id", path, &k.id, error) || !readString(*o, "tier", path, &k.tier, error)
        || !readDouble(*o, "weight", path, &k.weight, error))
        return false;
    *out = std::move(k);
    return true;
}

template <typename T, typename ReadOne>
bool readList(const json::object& o, std::string_view key, const std::string& path,
    std::vector<T>* out, std::string* error, ReadOne readOne)
{
    bool ok = true;
    const json::array* a = arrayAt(o, key, path, &ok, error);
    if (!a)
        return ok;
    const std::string here = field(path, key);
    std::vector<T> items(a->size());
    for (std::size_t i = 0; i < a->size(); ++i) {
        if (!readOne((*a)[i], element(here, i), &items[i], error))
            return false;
    }
    *out = std::move(items);
    return true;
}

/// `what` names the whole value when it is not an object: the top level of
/// a settings file has no path of its own.
bool readSettings(const json::value& v, const std::string& path, const std::string& what,
    LoadSettings* out, std::string* error)
{
    const json::object* o = v.if_object();
    if (!o)
        return fail(error, what, "must be an object");
    LoadSettings s;
    if (!readString(*o, "url", path, &s.url, error))
        return false;
    if (const json::value* model = o->if_contains("model")) {
        const json::string* name = model->if_string();
        if (name && *name == "closed")
            s.model = LoadModel::Closed;
        else if (name && *name == "open")
            s.model = LoadModel::Open;
        else
            return fail(error, field(path, "model"), "must be \"closed\" or \"open\"");
    }
    if (!readInt(*o, "connections", path, 1, &s.connections, error)
        || !readDouble(*o, "rate", path, &s.rate, error)
        || !readDouble(*o, "durationSeconds", path, &s.durationSeconds, error)
        || !readUint(*o, "requestCount", path, &s.requestCount, error)
        || !readDouble(*o, "warmupSeconds", path, &s.warmupSeconds, error)
        || !readDouble(*o, "rampUpSeconds", path, &s.rampUpSeconds, error)
        || !readDouble(*o, "timeoutSeconds", path, &s.timeoutSeconds, error)
        || !readInt(*o, "threads", path, 1, &s.threads, error)
        || !readList(*o, "mix", path, &s.mix, error, readTarget)
        || !readList(*o, "keys", path, &s.keys, error, readKey)
        || !readString(*o, "keyHeader", path, &s.keyHeader, error)
        || !readUint(*o, "seed", path, &s.seed, error)
        || !readBool(*o, "verifyTls", path, &s.verifyTls, error))
        return false;
    *out = std::move(s);
    return true;
}

bool readHistogram(const json::object& o, std::string_view key, const std::string& path,
    LatencyHistogram* out, std::string* error)
{
    bool ok = true;
    const json::object* h = objectAt(o, key, path, &ok, error);
    if (!h)
        return ok;
    const std::string here = field(path, key);
    const bool hasCount = h->contains("count");
    std::uint64_t count = 0;
    if (!readUint(*h, "count", here, &count, error))
        return false;
    // The percentiles next to the encoding are for people and scripts; only
    // the encoding can be read back, so a file without it has no latency.
    LatencyHistogram histogram;
    if (const json::value* encoded = h->if_contains("encoded")) {
        const std::string at = field(here, "encoded");
        if (!encoded->is_string())
            return fail(error, at, "must be a string");
        const json::string& text = encoded->get_string();
        std::string bytes;
        if (!base64Decode(std::string_view(text.data(), text.size()), &bytes))
            return fail(error, at, "is not valid base64");
        if (!LatencyHistogram::fromBytes(bytes, &histogram))
            return fail(error, at, "is not a valid latency histogram encoding");
    }
    // A hand-edited count would otherwise be silently overruled.
    if (hasCount && count != histogram.count())
        return fail(error, field(here, "count"),
            "is " + std::to_string(count) + " but the encoded histogram holds "
                + std::to_string(histogram.count()) + " samples");
    *out = std::move(histogram);
    return true;
}

bool readStatuses(const json::object& o, const std::string& path, std::map<int, std::uint64_t>* out,
    std::string* error)
{
    bool ok = true;
    const json::object* statuses = objectAt(o, "statuses", path, &ok, error);
    if (!statuses)
        return ok;
    const std::string here = field(path, "statuses");
    std::map<int, std::uint64_t> result;
    for (const auto& member : *statuses) {
        const std::string key(member.key());
        const std::string at = field(here, key);
        int status = -1;
        const auto [end, ec] = std::from_chars(key.data(), key.data() + key.size(), status);
        if (ec != std::errc() || end != key.data() + key.size() || status < 0 || status > 999
            || std::to_string(status) != key)
            return fail(error, at, "is not a status code (0 to 999)");
        json::error_code nec;
        const std::uint64_t n
            = member.value().is_number() ? member.value().to_number<std::uint64_t>(nec) : 0;
        if (!member.value().is_number() || nec)
            return fail(error, at, "must be an integer >= 0");
        result[status] = n;
    }
    *out = std::move(result);
    return true;
}

bool readErrors(const json::object& o, const std::string& path,
    std::array<std::uint64_t, kLoadErrorKinds>* out, std::string* error)
{
    bool ok = true;
    const json::object* errors = objectAt(o, "errors", path, &ok, error);
    if (!errors)
        return ok;
    const std::string here = field(path, "errors");
    std::array<std::uint64_t, kLoadErrorKinds> result {};
    for (const auto& member : *errors) {
        const std::string_view key(member.key().data(), member.key().size());
        std::size_t kind = 0;
        while (kind < kLoadErrorKinds && key != loadErrorName(static_cast<LoadErrorKind>(kind)))
            ++kind;
        if (kind == kLoadErrorKinds)
            return fail(error, field(here, key),
                "is not an error kind (connect, timeout, reset or protocol)");
        if (!readUint(*errors, key, here, &result[kind], error))
            return false;
    }
    *out = result;
    return true;
}

/// The counts' members sit in `o` itself (next to a slice's name).
bool readCounts(const json::object& o, const std::string& path, LoadCounts* out, std::string* error)
{
    LoadCounts c;
    if (!readUint(o, "requests", path, &c.requests, error)
        || !readStatuses(o, path, &c.statuses, error) || !readErrors(o, path, &c.errors, error)
        || !readHistogram(o, "latency", path, &c.latency, error)
        || !readUint(o, "bytesOut", path, &c.bytesOut, error)
        || !readUint(o, "bytesIn", path, &c.bytesIn, error))
        return false;
    *out = std::move(c);
    return true;
}

bool readSlice(const json::value& v, const std::string& path, LoadSlice* out, std::string* error)
{
    const json::object* o = v.if_object();
    if (!o)
        return fail(error, path, "must be an object");
    LoadSlice slice;
    if (!readString(*o, "name", path, &slice.name, error)
        || !readCounts(*o, path, &slice.counts, error))
        return false;
    *out = std::move(slice);
    return true;
}

bool readSecond(const json::value& v, const std::string& path, LoadSecond* out, std::string* error)
{
    const json::object* o = v.if_object();
    if (!o)
        return fail(error, path, "must be an object");
    LoadSecond s;
    if (!readInt<std::int64_t>(*o, "second", path, 0, &s.second, error)
        || !readBool(*o, "warmup", path, &s.warmup, error)
        || !readUint(*o, "requests", path, &s.requests, error))
        return false;
    if (const json::value* classes = o->if_contains("classes")) {
        const std::string at = field(path, "classes");
        const json::array* a = classes->if_array();
        if (!a || a->size() != s.classes.size() - 1)
            return fail(error, at, "must be an array of 5 counts (1xx to 5xx)");
        for (std::size_t i = 0; i < a->size(); ++i) {
            json::error_code ec;
            const json::value& n = (*a)[i];
            s.classes[i + 1] = n.is_number() ? n.to_number<std::uint64_t>(ec) : 0;
            if (!n.is_number() || ec)
                return fail(error, element(at, i), "must be an integer >= 0");
        }
    }
    if (!readUint(*o, "errors", path, &s.errors, error)
        || !readHistogram(*o, "latency", path, &s.latency, error))
        return false;
    *out = std::move(s);
    return true;
}

// ---------------------------------------------------------------------------
// Text

std::string fixed(double v, int decimals)
{
    char buf[400];
    const auto [end, ec]
        = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, decimals);
    return ec == std::errc() ? std::string(buf, end) : std::string("?");
}

/// Shortest form that reads back as the same number, integers without a
/// fraction: for settings, which people typed.
std::string plain(double v)
{
    if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e15)
        return std::to_string(static_cast<long long>(v));
    char buf[64];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return ec == std::errc() ? std::string(buf, end) : std::string("?");
}

/// Three significant digits for v >= 1 (after rounding): "1.20", "12.3", "123".
std::string threeDigits(double v)
{
    if (v < 9.995)
        return fixed(v, 2);
    if (v < 99.95)
        return fixed(v, 1);
    return fixed(v, 0);
}

/// "850 µs", "12.3 ms", "1.20 s": the unit switches where three significant
/// digits would need a fourth.
std::string formatMicros(double micros)
{
    if (micros < 999.5)
        return fixed(micros, 0) + " µs";
    if (micros < 999'500)
        return threeDigits(micros / 1e3) + " ms";
    return threeDigits(micros / 1e6) + " s";
}

std::string formatSeconds(double seconds)
{
    if (seconds == std::floor(seconds) && seconds < 1e15)
        return std::to_string(static_cast<long long>(seconds)) + " s";
    return fixed(seconds, seconds < 10 ? 2 : 1) + " s";
}

std::string formatRate(double perSecond)
{
    return fixed(perSecond, 1) + " req/s";
}

std::string formatBytes(std::uint64_t bytes)
{
    if (bytes < 1000)
        return std::to_string(bytes) + " B";
    const char* units[] = { "kB", "MB", "GB", "TB" };
    double v = double(bytes) / 1000;
    std::size_t unit = 0;
    while (v >= 999.5 && unit + 1 < std::size(units)) {
        v /= 1000;
        ++unit;
    }
    return threeDigits(v) + ' ' + units[unit];
}

/// Display columns of UTF-8 text ("µ" and "—" are one column, two or three bytes).
std::size_t displayWidth(std::string_view s)
{
    return static_cast<std::size_t>(std::count_if(
        s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

/// Columns padded to their widest cell, joined by two spaces; align holds
/// 'l' or 'r' per column (missing ones are right-aligned, numbers mostly).
std::string renderTable(const std::vector<std::vector<std::string>>& rows, std::string_view align,
    std::string_view indent = "  ")
{
    std::vector<std::size_t> widths;
    for (const auto& row : rows) {
        widths.resize(std::max(widths.size(), row.size()));
        for (std::size_t c = 0; c < row.size(); ++c)
            widths[c] = std::max(widths[c], displayWidth(row[c]));
    }
    std::string out;
    for (const auto& row : rows) {
        std::string line(indent);
        for (std::size_t c = 0; c < row.size(); ++c) {
            if (c > 0)
                line += "  ";
            const std::string padding(widths[c] - displayWidth(row[c]), ' ');
            const bool left = c < align.size() && align[c] == 'l';
            line += left ? row[c] + padding : padding + row[c];
        }
        while (!line.empty() && line.back() == ' ')
            line.pop_back();
        out += line;
        out += '\n';
    }
    return out;
}

std::string latencyLine(const LatencyHistogram& h)
{
    if (h.count() == 0)
        return "latency: no answers\n";
    return "latency: p50 " + formatMicros(double(h.percentile(50))) + ", p90 "
        + formatMicros(double(h.percentile(90))) + ", p99 " + formatMicros(double(h.percentile(99)))
        + ", p99.9 " + formatMicros(double(h.percentile(99.9))) + ", max "
        + formatMicros(double(h.max())) + " (mean " + formatMicros(h.mean()) + ")\n";
}

/// About ten rows with log-spaced upper bounds between min and max: latency
/// spreads over orders of magnitude and its tail is the interesting part,
/// which equal-width rows would squeeze into the last one or two. Rows whose
/// bounds print the same are merged so no two rows look alike.
std::string histogramText(const LatencyHistogram& h)
{
    if (h.count() == 0)
        return {};
    constexpr std::size_t kRows = 10;
    constexpr std::size_t kBarWidth = 40;
    const double low = double(std::max<std::uint64_t>(h.min(), 1));
    const double high = std::max(double(h.max()), low);
    std::vector<double> upper(kRows);
    for (std::size_t i = 0; i < kRows; ++i)
        upper[i] = low * std::pow(high / low, double(i + 1) / kRows);
    upper.back() = high;

    std::vector<std::uint64_t> counts(kRows);
    h.forEachBucket([&](std::uint64_t lower, std::uint64_t bucketUpper, std::uint64_t count) {
        // A bucket may straddle a row bound; its middle decides (the rows
        // are coarse anyway), kept inside [min, max] like percentiles are.
        double value
            = bucketUpper - lower <= 1 ? double(lower) : (double(lower) + double(bucketUpper)) / 2;
        value = std::clamp(value, double(h.min()), double(h.max()));
        std::size_t row = 0;
        while (row + 1 < kRows && value > upper[row])
            ++row;
        counts[row] += count;
    });

    std::vector<std::pair<std::string, std::uint64_t>> rows;
    for (std::size_t i = 0; i < kRows; ++i) {
        std::string label = "≤ " + formatMicros(upper[i]);
        if (!rows.empty() && rows.back().first == label)
            rows.back().second += counts[i];
        else
            rows.emplace_back(std::move(label), counts[i]);
    }
    std::uint64_t most = 0;
    for (const auto& row : rows)
        most = std::max(most, row.second);
    std::vector<std::vector<std::string>> table;
    for (const auto& [label, count] : rows) {
        std::size_t bar
            = static_cast<std::size_t>(std::llround(double(count) * kBarWidth / double(most)));
        if (count > 0)
            bar = std::max<std::size_t>(bar, 1);
        table.push_back({ label, std::to_string(count), std::string(bar, '#') });
    }
    return renderTable(table, "lrl");
}

std::string statusCodesText(const LoadCounts& counts)
{
    if (counts.statuses.empty())
        return "status codes: none\n";
    std::vector<std::vector<std::string>> table;
    for (const auto& [status, n] : counts.statuses)
        table.push_back({ std::to_string(status), std::to_string(n) });
    return "status codes:\n" + renderTable(table, "lr");
}

std::string errorsText(const LoadCounts& counts)
{
    const std::uint64_t total = counts.errorTotal();
    if (total == 0)
        return "errors: none\n";
    std::string kinds;
    for (std::size_t i = 0; i < kLoadErrorKinds; ++i) {
        if (counts.errors[i] == 0)
            continue;
        if (!kinds.empty())
            kinds += ", ";
        kinds += loadErrorName(static_cast<LoadErrorKind>(i));
        kinds += ' ';
        kinds += std::to_string(counts.errors[i]);
    }
    return "errors: " + std::to_string(total) + " (" + kinds + ")\n";
}

std::string slicesText(const char* heading, const char* nameColumn,
    const std::vector<LoadSlice>& slices, double seconds)
{
    if (slices.empty())
        return {};
    std::vector<std::vector<std::string>> table;
    table.push_back({ nameColumn, "requests", "req/s", "p50", "p99", "errors", "4xx", "5xx" });
    for (const LoadSlice& slice : slices) {
        const LoadCounts& c = slice.counts;
        const bool answered = c.latency.count() > 0;
        table.push_back({ slice.name, std::to_string(c.requests),
            fixed(seconds > 0 ? double(c.requests) / seconds : 0, 1),
            answered ? formatMicros(double(c.latency.percentile(50))) : "—",
            answered ? formatMicros(double(c.latency.percentile(99))) : "—",
            std::to_string(c.errorTotal()), std::to_string(c.statusClass(4)),
            std::to_string(c.statusClass(5)) });
    }
    return std::string(heading) + ":\n" + renderTable(table, "l");
}

std::string modelText(const LoadSettings& s)
{
    std::string out = modelName(s.model);
    if (s.model == LoadModel::Open)
        out += ", " + plain(s.rate) + " req/s";
    out += ", " + std::to_string(s.connections)
        + (s.connections == 1 ? " connection" : " connections");
    out += ", " + std::to_string(s.threads) + (s.threads == 1 ? " thread" : " threads");
    return out;
}

std::string change(double a, double b)
{
    if (a == 0)
        return "—";
    std::string text = fixed((b - a) / a * 100, 1);
    if (text == "-0.0")
        text = "0.0";
    else if (text.front() != '-' && text != "0.0")
        text.insert(0, "+");
    return text + '%';
}

bool sameKeys(const std::vector<LoadKey>& a, const std::vector<LoadKey>& b)
{
    // Secrets are blank in saved reports, so only what is saved compares.
    return std::equal(
        a.begin(), a.end(), b.begin(), b.end(), [](const LoadKey& x, const LoadKey& y) {
            return x.id == y.id && x.tier == y.tier && x.weight == y.weight;
        });
}

std::string plural(std::size_t n, const char* one, const char* many)
{
    return std::to_string(n) + ' ' + (n == 1 ? one : many);
}

// ---------------------------------------------------------------------------
// Run files

std::string idProblem(const std::string& id)
{
    if (id.empty())
        return "the run id is empty";
    const std::string quoted = "run id " + jsonQuoted(id);
    if (id.find_first_of("/\\") != std::string::npos)
        return quoted + " must not contain '/' or '\\'";
    if (id.find("..") != std::string::npos)
        return quoted + " must not contain \"..\"";
    if (id.front() == '.')
        return quoted + " must not start with '.'";
    if (std::any_of(
            id.begin(), id.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; }))
        return quoted + " must not contain control characters";
    return {};
}

/// "20261127-131500" from "2026-11-27T13:15:00Z": sorts like the start
/// time and needs no quoting in a shell or a file name.
std::string idBase(const std::string& startedAt)
{
    std::string digits;
    for (char c : startedAt) {
        if (c >= '0' && c <= '9')
            digits += c;
        if (digits.size() == 14)
            return digits.substr(0, 8) + '-' + digits.substr(8);
    }
    return "run";
}

bool readReportFile(const fs::path& file, LoadReport* out, std::string* error)
{
    const std::string name = file.filename().string();
    std::string text;
    std::string reason;
    if (!jsonfile::readFile(file, &text, &reason))
        return fail(error, name, reason);
    json::value root;
    std::vector<Diagnostic> diagnostics;
    if (!jsonfile::parseJson(text, name, &root, &diagnostics)) {
        setError(error, diagnostics.empty() ? name + ": not JSON" : diagnostics.front().toString());
        return false;
    }
    if (!loadReportFromJson(root, out, &reason))
        return fail(error, name, reason);
    // The file name is the id load() and remove() are given, whatever the
    // file says inside (a copied or renamed run keeps working).
    out->id = file.stem().string();
    return true;
}

} // namespace

// ---------------------------------------------------------------------------

json::value loadSettingsToJson(const LoadSettings& s)
{
    json::object o;
    o["url"] = jsonString(s.url);
    o["model"] = modelName(s.model);
    o["connections"] = s.connections;
    o["rate"] = number(s.rate);
    o["durationSeconds"] = number(s.durationSeconds);
    o["requestCount"] = s.requestCount;
    o["warmupSeconds"] = number(s.warmupSeconds);
    o["rampUpSeconds"] = number(s.rampUpSeconds);
    o["timeoutSeconds"] = number(s.timeoutSeconds);
    o["threads"] = s.threads;
    json::array mix;
    for (const LoadTarget& t : s.mix) {
        json::object e;
        e["name"] = jsonString(t.name);
        e["method"] = jsonString(t.method);
        e["path"] = jsonString(t.path);
        e["params"] = pairsToJson(t.params);
        e["headers"] = pairsToJson(t.headers);
        e["body"] = jsonString(t.body);
        e["weight"] = number(t.weight);
        mix.push_back(std::move(e));
    }
    o["mix"] = std::move(mix);
    json::array keys;
    for (const LoadKey& k : s.keys) {
        json::object e;
        e["id"] = jsonString(k.id);
        e["tier"] = jsonString(k.tier);
        e["weight"] = number(k.weight);
        keys.push_back(std::move(e));
    }
    o["keys"] = std::move(keys);
    o["keyHeader"] = jsonString(s.keyHeader);
    o["seed"] = s.seed;
    o["verifyTls"] = s.verifyTls;
    return o;
}

bool loadSettingsFromJson(const json::value& json, LoadSettings* out, std::string* error)
{
    return readSettings(json, "", "settings", out, error);
}

json::value loadReportToJson(const LoadReport& r)
{
    json::object o;
    o["schemaVersion"] = kRunSchemaVersion;
    o["id"] = jsonString(r.id);
    o["startedAt"] = jsonString(r.startedAt);
    o["target"] = jsonString(r.target);
    o["settings"] = loadSettingsToJson(r.settings);
    o["measuredSeconds"] = number(r.measuredSeconds);
    o["throughput"] = number(r.throughput()); // for scripts; derived, not read back
    json::object total;
    appendCounts(r.total, &total);
    o["total"] = std::move(total);
    o["warmupRequests"] = r.warmupRequests;
    o["missed"] = r.missed;
    o["tiers"] = slicesToJson(r.tiers);
    o["routes"] = slicesToJson(r.routes);
    json::array timeline;
    for (const LoadSecond& s : r.timeline)
        timeline.push_back(secondToJson(s));
    o["timeline"] = std::move(timeline);
    o["stopped"] = r.stopped;
    o["problem"] = jsonString(r.problem);
    return o;
}

bool loadReportFromJson(const json::value& json, LoadReport* out, std::string* error)
{
    const json::object* o = json.if_object();
    if (!o)
        return fail(error, "report", "must be an object");
    std::int64_t version = kRunSchemaVersion;
    if (!readInt<std::int64_t>(*o, "schemaVersion", "", 1, &version, error))
        return false;
    if (version > kRunSchemaVersion)
        return fail(error, "schemaVersion",
            std::to_string(version) + " is newer than this version of Tollgate reads ("
                + std::to_string(kRunSchemaVersion) + ")");
    LoadReport r;
    if (const json::value* settings = o->if_contains("settings")) {
        if (!readSettings(*settings, "settings", "settings", &r.settings, error))
            return false;
    }
    if (!readString(*o, "id", "", &r.id, error)
        || !readString(*o, "startedAt", "", &r.startedAt, error)
        || !readString(*o, "target", "", &r.target, error)
        || !readDouble(*o, "measuredSeconds", "", &r.measuredSeconds, error))
        return false;
    bool ok = true;
    if (const json::object* total = objectAt(*o, "total", "", &ok, error)) {
        if (!readCounts(*total, "total", &r.total, error))
            return false;
    }
    if (!ok || !readUint(*o, "warmupRequests", "", &r.warmupRequests, error)
        || !readUint(*o, "missed", "", &r.missed, error)
        || !readList(*o, "tiers", "", &r.tiers, error, readSlice)
        || !readList(*o, "routes", "", &r.routes, error, readSlice)
        || !readList(*o, "timeline", "", &r.timeline, error, readSecond)
        || !readBool(*o, "stopped", "", &r.stopped, error)
        || !readString(*o, "problem", "", &r.problem, error))
        return false;
    *out = std::move(r);
    return true;
}

std::string loadSummaryText(const LoadReport& r)
{
    const LoadSettings& s = r.settings;
    std::string out;
    out += "target: " + s.url;
    if (!r.target.empty())
        out += " (" + r.target + ')';
    out += '\n';
    if (!r.id.empty() || !r.startedAt.empty()) {
        out += "run: " + (r.id.empty() ? std::string("(not saved)") : r.id);
        if (!r.startedAt.empty())
            out += ", started " + r.startedAt;
        out += '\n';
    }
    if (!r.problem.empty())
        out += "problem: " + r.problem + '\n';
    if (r.stopped)
        out += "stopped early\n";
    out += "model: " + modelText(s) + '\n';

    out += "duration: " + formatSeconds(r.measuredSeconds) + " measured";
    if (s.requestCount > 0)
        out += " (planned: " + std::to_string(s.requestCount) + " requests)";
    else
        out += " (planned: " + formatSeconds(s.durationSeconds) + ')';
    out += '\n';
    if (s.warmupSeconds > 0 || r.warmupRequests > 0)
        out += "warm-up: " + formatSeconds(s.warmupSeconds) + ", "
            + plural(r.warmupRequests, "answer", "answers") + " not counted\n";
    if (s.rampUpSeconds > 0)
        out += "ramp-up: " + formatSeconds(s.rampUpSeconds) + '\n';

    out += "requests: " + std::to_string(r.total.requests) + '\n';
    out += "throughput: " + formatRate(r.throughput()) + '\n';
    if (r.total.bytesIn > 0 || r.total.bytesOut > 0)
        out += "transfer: " + formatBytes(r.total.bytesIn) + " in, " + formatBytes(r.total.bytesOut)
            + " out\n";
    out += latencyLine(r.total.latency);
    if (r.total.latency.count() > 0)
        out += "latency histogram:\n" + histogramText(r.total.latency);
    out += statusCodesText(r.total);
    out += errorsText(r.total);
    if (r.missed > 0)
        out += "missed: " + std::to_string(r.missed)
            + " requests were due but not sent (every connection was busy)\n";
    out += slicesText("by tier", "tier", r.tiers, r.measuredSeconds);
    out += slicesText("by route", "route", r.routes, r.measuredSeconds);
    return out;
}

std::string loadComparisonText(const LoadReport& a, const LoadReport& b)
{
    auto name = [](const LoadReport& r, const char* fallback) {
        std::string text = r.id.empty() ? std::string(fallback) : r.id;
        if (!r.startedAt.empty())
            text += " (" + r.startedAt + ')';
        return text;
    };
    std::string out = "a: " + name(a, "first run") + '\n' + "b: " + name(b, "second run") + '\n';
    for (const auto& [label, r] : { std::pair { "a", &a }, std::pair { "b", &b } }) {
        if (!r->problem.empty())
            out += std::string(label) + ": problem: " + r->problem + '\n';
        if (r->stopped)
            out += std::string(label) + ": stopped early\n";
    }

    std::string differences;
    auto differ = [&](const char* label, const std::string& x, const std::string& y) {
        if (x != y)
            differences += std::string("  ") + label + ": " + x + " → " + y + '\n';
    };
    const LoadSettings& sa = a.settings;
    const LoadSettings& sb = b.settings;
    differ("url", sa.url, sb.url);
    differ("target", a.target, b.target);
    differ("model", modelName(sa.model), modelName(sb.model));
    differ("connections", std::to_string(sa.connections), std::to_string(sb.connections));
    differ("rate", plain(sa.rate) + " req/s", plain(sb.rate) + " req/s");
    differ("threads", std::to_string(sa.threads), std::to_string(sb.threads));
    differ("duration", plain(sa.durationSeconds) + " s", plain(sb.durationSeconds) + " s");
    differ("request count", std::to_string(sa.requestCount), std::to_string(sb.requestCount));
    differ("warm-up", plain(sa.warmupSeconds) + " s", plain(sb.warmupSeconds) + " s");
    differ("ramp-up", plain(sa.rampUpSeconds) + " s", plain(sb.rampUpSeconds) + " s");
    differ("timeout", plain(sa.timeoutSeconds) + " s", plain(sb.timeoutSeconds) + " s");
    const std::string mixA = plural(sa.mix.size(), "route", "routes");
    const std::string mixB = plural(sb.mix.size(), "route", "routes");
    if (mixA != mixB)
        differ("mix", mixA, mixB);
    else if (sa.mix != sb.mix)
        differences += "  mix: " + mixA + ", not the same routes or weights\n";
    const std::string keysA = plural(sa.keys.size(), "key", "keys");
    const std::string keysB = plural(sb.keys.size(), "key", "keys");
    if (keysA != keysB)
        differ("keys", keysA, keysB);
    else if (!sameKeys(sa.keys, sb.keys))
        differences += "  keys: " + keysA + ", not the same keys, tiers or weights\n";
    differ("key header", sa.keyHeader, sb.keyHeader);
    differ("seed", std::to_string(sa.seed), std::to_string(sb.seed));
    differ("TLS verification", sa.verifyTls ? "on" : "off", sb.verifyTls ? "on" : "off");
    out += differences.empty() ? "settings: the same\n" : "settings that differ:\n" + differences;

    std::vector<std::vector<std::string>> table;
    table.push_back({ "measure", "a", "b", "change" });
    auto count = [&](const char* label, std::uint64_t x, std::uint64_t y) {
        table.push_back(
            { label, std::to_string(x), std::to_string(y), change(double(x), double(y)) });
    };
    auto micros = [&](const char* label, std::uint64_t x, std::uint64_t y) {
        table.push_back({ label, formatMicros(double(x)), formatMicros(double(y)),
            change(double(x), double(y)) });
    };
    const LatencyHistogram& la = a.total.latency;
    const LatencyHistogram& lb = b.total.latency;
    count("requests", a.total.requests, b.total.requests);
    table.push_back({ "throughput", formatRate(a.throughput()), formatRate(b.throughput()),
        change(a.throughput(), b.throughput()) });
    micros("p50", la.percentile(50), lb.percentile(50));
    micros("p90", la.percentile(90), lb.percentile(90));
    micros("p99", la.percentile(99), lb.percentile(99));
    micros("p99.9", la.percentile(99.9), lb.percentile(99.9));
    micros("max", la.max(), lb.max());
    count("errors", a.total.errorTotal(), b.total.errorTotal());
    count("2xx", a.total.statusClass(2), b.total.statusClass(2));
    count("4xx", a.total.statusClass(4), b.total.statusClass(4));
    count("5xx", a.total.statusClass(5), b.total.statusClass(5));
    if (a.missed > 0 || b.missed > 0)
        count("missed", a.missed, b.missed);
    out += '\n';
    out += renderTable(table, "l", "");
    return out;
}

LoadRunStore::LoadRunStore(std::string dir)
    : m_dir(std::move(dir))
{
}

bool LoadRunStore::save(LoadReport* report, std::string* error) const
{
    std::string id = report->id;
    if (const std::string problem = id.empty() ? std::string() : idProblem(id); !problem.empty()) {
        setError(error, problem);
        return false;
    }
    const fs::path dir(m_dir);
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) {
        setError(error, "cannot create " + dir.string() + ": " + ec.message());
        return false;
    }
    if (id.empty()) {
        // Unique among the files there now. Two runs saved in the same
        // second by two processes could still pick the same id; runs are
        // started by hand, so that race is not worth a lock file.
        const std::string base = idBase(report->startedAt);
        id = base;
        for (int n = 2; fs::exists(dir / (id + ".json"), ec); ++n)
            id = base + '-' + std::to_string(n);
    }
    // The report only takes the id once its file is written.
    json::value root = loadReportToJson(*report);
    root.as_object()["id"] = jsonString(id);
    if (!writeFileAtomic(dir / (id + ".json"), jsonfile::toPrettyText(root), error))
        return false;
    report->id = id;
    return true;
}

std::vector<LoadRunInfo> LoadRunStore::list(std::vector<std::string>* problems) const
{
    std::vector<LoadRunInfo> runs;
    std::error_code ec;
    const fs::path dir(m_dir);
    if (!fs::exists(dir, ec))
        return runs; // nothing saved yet
    for (fs::directory_iterator it(dir, ec); !ec && it != fs::directory_iterator();
         it.increment(ec)) {
        const std::string name = it->path().filename().string();
        // Temporary files of writeFileAtomic start with '.' and never end in .json.
        if (name.front() == '.' || name.size() <= 5 || name.substr(name.size() - 5) != ".json")
            continue;
        std::error_code typeError;
        if (!it->is_regular_file(typeError))
            continue;
        LoadReport report;
        std::string error;
        if (!readReportFile(it->path(), &report, &error)) {
            if (problems)
                problems->push_back(std::move(error));
            continue;
        }
        LoadRunInfo info;
        info.id = report.id;
        info.startedAt = report.startedAt;
        info.url = report.settings.url;
        info.model = report.settings.model;
        info.connections = report.settings.connections;
        info.rate = report.settings.rate;
        info.requests = report.total.requests;
        info.throughput = report.throughput();
        info.p50 = report.total.latency.percentile(50);
        info.p99 = report.total.latency.percentile(99);
        info.errors = report.total.errorTotal();
        info.stopped = report.stopped;
        runs.push_back(std::move(info));
    }
    if (ec && problems)
        problems->push_back(dir.string() + ": " + ec.message());
    std::sort(runs.begin(), runs.end(), [](const LoadRunInfo& x, const LoadRunInfo& y) {
        return std::tie(x.startedAt, x.id) > std::tie(y.startedAt, y.id);
    });
    return runs;
}

bool LoadRunStore::load(const std::string& id, LoadReport* out, std::string* error) const
{
    if (const std::string problem = idProblem(id); !problem.empty()) {
        setError(error, problem);
        return false;
    }
    const fs::path file = fs::path(m_dir) / (id + ".json");
    std::error_code ec;
    if (!fs::exists(file, ec)) {
        setError(error, "no load run " + jsonQuoted(id) + " in " + m_dir);
        return false;
    }
    LoadReport report;
    if (!readReportFile(file, &report, error))
        return false;
    *out = std::move(report);
    return true;
}

bool LoadRunStore::remove(const std::string& id, std::string* error) const
{
    if (const std::string problem = idProblem(id); !problem.empty()) {
        setError(error, problem);
        return false;
    }
    const fs::path file = fs::path(m_dir) / (id + ".json");
    std::error_code ec;
    if (!fs::remove(file, ec)) {
        setError(error,
            ec ? "cannot remove " + file.string() + ": " + ec.message()
               : "no load run " + jsonQuoted(id) + " in " + m_dir);
        return false;
    }
    return true;
}

} // namespace tollgate::server
