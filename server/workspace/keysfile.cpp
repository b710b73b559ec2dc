#include "server/workspace/keysfile.h"

#include "server/common/files.h"
#include "server/common/text.h"
#include "server/workspace/jsonfile.h"

#include <boost/json/value.hpp>

namespace tollgate::server {

namespace fs = std::filesystem;
namespace json = boost::json;
using namespace jsonfile;

namespace {

bool isLowerHex(std::string_view s)
{
    return std::all_of(s.begin(), s.end(),
        [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

void readTime(Reader& r, const json::object& o, std::string_view key, const std::string& pointer,
    std::int64_t* out)
{
    const json::value* v = o.if_contains(key);
    if (!v || v->is_null())
        return;
    if (!v->is_string() || !parseUtcTime(v->get_string(), out))
        r.error(Reader::child(pointer, key),
            jsonQuoted(key) + " must be null or a UTC time such as \"2026-01-31T12:00:00Z\"");
}

} // namespace

std::string keysToJson(const std::vector<ApiKey>& keys)
{
    json::array list;
    for (const ApiKey& k : keys) {
        json::object ko;
        ko["id"] = jsonString(k.id);
        ko["prefix"] = jsonString(k.prefix);
        ko["hash"] = jsonString("sha256:" + k.hash);
        ko["label"] = jsonString(k.label);
        ko["owner"] = jsonString(k.owner);
        ko["tier"] = jsonString(k.tier);
        json::array scopes;
        for (const std::string& scope : k.scopes)
            scopes.push_back(jsonString(scope));
        ko["scopes"] = std::move(scopes);
        ko["created"] = jsonString(formatUtcTime(k.created));
        if (k.expires > 0)
            ko["expires"] = jsonString(formatUtcTime(k.expires));
        else
            ko["expires"] = nullptr;
        if (k.revoked > 0)
            ko["revoked"] = jsonString(formatUtcTime(k.revoked));
        else
            ko["revoked"] = nullptr;
        if (!k.rotatedFrom.empty())
            ko["rotatedFrom"] = jsonString(k.rotatedFrom);
        list.push_back(std::move(ko));
    }
    json::object o;
    o["schemaVersion"] = kSchemaVersion;
    o["keys"] = std::move(list);
    return toPrettyText(o);
}

bool keysFromJson(std::string_view text, const std::string& fileName, std::vector<ApiKey>* out,
    std::vector<Diagnostic>* errors)
{
    json::value root;
    if (!parseJson(text, fileName, &root, errors))
        return false;
    Reader r(text, fileName, errors);
    if (!root.is_object()) {
        r.error("", "keys.json must contain a JSON object");
        return false;
    }
    const json::object& o = root.get_object();
    if (!r.checkSchemaVersion(o))
        return false;
    std::vector<ApiKey> keys;
    if (const json::array* list = r.getArray(o, "keys", "")) {
        for (std::size_t i = 0; i < list->size(); ++i) {
            const std::string kp = Reader::child("/keys", i);
            if (!(*list)[i].is_object()) {
                r.error(kp, "each key must be an object");
                continue;
            }
            const json::object& ko = (*list)[i].get_object();
            ApiKey k;
            if (!r.getString(ko, "id", kp, &k.id) || k.id.empty())
                r.error(kp, "the key needs an \"id\"");
            r.getString(ko, "prefix", kp, &k.prefix);
            std::string hash;
            r.getString(ko, "hash", kp, &hash);
            if (hash.rfind("sha256:", 0) == 0 && hash.size() == 7 + 64
                && isLowerHex(hash.substr(7)))
                k.hash = hash.substr(7);
            else
                r.error(Reader::child(kp, "hash"),
                    "\"hash\" must be \"sha256:\" followed by 64 lowercase hex digits");
            r.getString(ko, "label", kp, &k.label);
            r.getString(ko, "owner", kp, &k.owner);
            if (!r.getString(ko, "tier", kp, &k.tier) || k.tier.empty())
                r.error(Reader::child(kp, "tier"), "the key needs a \"tier\"");
            readStringList(r, ko, "scopes", kp, &k.scopes);
            readTime(r, ko, "created", kp, &k.created);
            readTime(r, ko, "expires", kp, &k.expires);
            readTime(r, ko, "revoked", kp, &k.revoked);
            r.getString(ko, "rotatedFrom", kp, &k.rotatedFrom);
            for (const ApiKey& other : keys) {
                if (other.id == k.id)
                    r.error(Reader::child(kp, "id"), "duplicate key id " + jsonQuoted(k.id));
            }
            keys.push_back(std::move(k));
        }
    }
    if (r.errorCount() > 0)
        return false;
    *out = std::move(keys);
    return true;
}

bool loadKeys(const fs::path& dir, std::vector<ApiKey>* out, std::vector<Diagnostic>* errors)
{
    const fs::path path = dir / kKeysFileName;
    std::error_code ec;
    if (!fs::exists(path, ec)) {
        out->clear();
        return true; // no keys yet
    }
    std::string text, error;
    if (std::string problem = outsideProblem(dir, kKeysFileName); !problem.empty()) {
        error = "file " + problem + "; no key is loaded";
    } else if (readFile(path, &text, &error)) {
        return keysFromJson(text, std::string(kKeysFileName), out, errors);
    }
    if (errors)
        errors->push_back({ std::string(kKeysFileName), 0, 0, error });
    return false;
}

bool canReplaceKeys(const fs::path& dir, std::string* error)
{
    const fs::path path = dir / kKeysFileName;
    std::error_code ec;
    std::vector<ApiKey> ignored;
    if (fs::exists(path, ec) && !loadKeys(dir, &ignored, nullptr)) {
        setError(
            error, path.string() + " has errors (see Problems); fix it before keys can be saved");
        return false;
    }
    return true;
}

bool saveKeys(const fs::path& dir, const std::vector<ApiKey>& keys, std::string* error)
{
    return canReplaceKeys(dir, error)
        && writeFileIfChanged(dir / kKeysFileName, keysToJson(keys), error);
}

} // namespace tollgate::server
