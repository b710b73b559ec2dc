#include "server/load/loadjson.h"

#include "server/common/text.h"
#include "server/load/loadreport.h"
#include "server/workspace/jsonfile.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string_view>

namespace tollgate::server {

namespace json = boost::json;
using jsonfile::jsonQuoted;
using jsonfile::jsonString;

namespace {

/// Run files carry a schemaVersion like every workspace file; a newer one is
/// refused rather than half-read.
constexpr std::int64_t kRunSchemaVersion = 1;


// ---------------------------------------------------------------------------
// Writing

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
    // Stream figures only where there are any: request runs read as before.
    if (counts.streams > 0 || counts.events > 0) {
        (*o)["streams"] = counts.streams;
        (*o)["events"] = counts.events;
        (*o)["tokens"] = counts.tokens;
        (*o)["firstEvent"] = histogramToJson(counts.firstEvent);
    }
    if (counts.sent > 0 || counts.held > 0 || !counts.closes.empty()
        || counts.roundTrip.count() > 0) {
        (*o)["sent"] = counts.sent;
        (*o)["held"] = counts.held;
        json::object closes;
        for (const auto& [code, n] : counts.closes)
            closes[std::to_string(code)] = n;
        (*o)["closes"] = std::move(closes);
        (*o)["roundTrip"] = histogramToJson(counts.roundTrip);
    }
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
    if (s.events > 0 || s.tokens > 0) {
        o["events"] = s.events;
        o["tokens"] = s.tokens;
    }
    if (s.sent > 0)
        o["sent"] = s.sent;
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

bool readThresholdText(
    const json::value& v, const std::string& path, std::string* out, std::string* error)
{
    const json::string* text = v.if_string();
    if (!text)
        return fail(error, path, "must be a string (a threshold such as \"p95<200ms\")");
    *out = std::string(*text);
    return true;
}

bool readThresholdResult(
    const json::value& v, const std::string& path, ThresholdResult* out, std::string* error)
{
    const json::object* o = v.if_object();
    if (!o)
        return fail(error, path, "must be an object");
    ThresholdResult r;
    // A margin may be below zero: any finite number.
    if (const json::value* actual = o->if_contains("actual")) {
        r.actual = actual->is_number() ? actual->to_number<double>() : std::nan("");
        if (!std::isfinite(r.actual))
            return fail(error, field(path, "actual"), "must be a number");
    }
    if (!readString(*o, "threshold", path, &r.threshold, error)
        || !readBool(*o, "passed", path, &r.passed, error)
        || !readBool(*o, "measured", path, &r.measured, error)
        || !readString(*o, "actualText", path, &r.actualText, error)
        || !readInt<std::int64_t>(*o, "breachedAtSecond", path, -1, &r.breachedAt, error))
        return false;
    *out = std::move(r);
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
        || !readBool(*o, "verifyTls", path, &s.verifyTls, error)
        || !readBool(*o, "stream", path, &s.stream, error)
        || !readString(*o, "caPem", path, &s.caPem, error)
        || !readString(*o, "wsMessage", path, &s.wsMessage, error)
        || !readDouble(*o, "wsIntervalMs", path, &s.wsIntervalMs, error)
        || !readList(*o, "thresholds", path, &s.thresholds, error, readThresholdText)
        || !readBool(*o, "abortOnThreshold", path, &s.abortOnThreshold, error))
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

/// Counts by a number written as the key: status codes (0 to 999), the
/// close codes of WebSocket runs (0 to 4999).
bool readCodes(const json::object& o, std::string_view key, int most, const char* what,
    const std::string& path, std::map<int, std::uint64_t>* out, std::string* error)
{
    bool ok = true;
    const json::object* statuses = objectAt(o, key, path, &ok, error);
    if (!statuses)
        return ok;
    const std::string here = field(path, key);
    std::map<int, std::uint64_t> result;
    for (const auto& member : *statuses) {
        const std::string name(member.key());
        const std::string at = field(here, name);
        int status = -1;
        const auto [end, ec] = std::from_chars(name.data(), name.data() + name.size(), status);
        if (ec != std::errc() || end != name.data() + name.size() || status < 0 || status > most
            || std::to_string(status) != name)
            return fail(error, at,
                "is not a " + std::string(what) + " (0 to " + std::to_string(most) + ")");
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
        || !readCodes(o, "statuses", 999, "status code", path, &c.statuses, error)
        || !readErrors(o, path, &c.errors, error)
        || !readHistogram(o, "latency", path, &c.latency, error)
        || !readUint(o, "bytesOut", path, &c.bytesOut, error)
        || !readUint(o, "bytesIn", path, &c.bytesIn, error)
        || !readUint(o, "streams", path, &c.streams, error)
        || !readUint(o, "events", path, &c.events, error)
        || !readUint(o, "tokens", path, &c.tokens, error)
        || !readHistogram(o, "firstEvent", path, &c.firstEvent, error)
        || !readUint(o, "sent", path, &c.sent, error) || !readUint(o, "held", path, &c.held, error)
        || !readCodes(o, "closes", 4999, "close code", path, &c.closes, error)
        || !readHistogram(o, "roundTrip", path, &c.roundTrip, error))
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
        || !readHistogram(*o, "latency", path, &s.latency, error)
        || !readUint(*o, "events", path, &s.events, error)
        || !readUint(*o, "tokens", path, &s.tokens, error)
        || !readUint(*o, "sent", path, &s.sent, error))
        return false;
    *out = std::move(s);
    return true;
}

} // namespace

json::value loadSettingsToJson(const LoadSettings& s)
{
    json::object o;
    o["url"] = jsonString(s.url);
    o["model"] = loadModelName(s.model);
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
    if (s.stream)
        o["stream"] = true;
    // Only where set: the files of other runs read as before.
    if (!s.caPem.empty())
        o["caPem"] = jsonString(s.caPem);
    if (!s.wsMessage.empty())
        o["wsMessage"] = jsonString(s.wsMessage);
    if (s.wsIntervalMs != 0)
        o["wsIntervalMs"] = number(s.wsIntervalMs);
    if (!s.thresholds.empty()) {
        json::array thresholds;
        for (const auto& t : s.thresholds)
            thresholds.push_back(json::string(t));
        o["thresholds"] = std::move(thresholds);
    }
    if (s.abortOnThreshold)
        o["abortOnThreshold"] = true;
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
    if (!r.thresholds.empty()) {
        json::array thresholds;
        for (const ThresholdResult& t : r.thresholds) {
            json::object e;
            e["threshold"] = jsonString(t.threshold);
            e["passed"] = t.passed;
            e["measured"] = t.measured;
            e["actual"] = number(t.actual);
            e["actualText"] = jsonString(t.actualText);
            e["breachedAtSecond"] = t.breachedAt;
            thresholds.push_back(std::move(e));
        }
        o["thresholds"] = std::move(thresholds);
    }
    if (!r.abortedBy.empty())
        o["abortedBy"] = jsonString(r.abortedBy);
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
        || !readString(*o, "problem", "", &r.problem, error)
        || !readList(*o, "thresholds", "", &r.thresholds, error, readThresholdResult)
        || !readString(*o, "abortedBy", "", &r.abortedBy, error))
        return false;
    *out = std::move(r);
    return true;
}

std::string loadSettingsToJsonText(const LoadSettings& settings)
{
    return json::serialize(loadSettingsToJson(settings));
}

bool loadSettingsFromJsonText(std::string_view text, LoadSettings* out, std::string* error)
{
    boost::system::error_code ec;
    const json::value v = json::parse(text, ec);
    if (ec) {
        setError(error, "not JSON: " + ec.message());
        return false;
    }
    return loadSettingsFromJson(v, out, error);
}

} // namespace tollgate::server
