#include "verifycommand.h"

#include "server/common/text.h"
#include "server/load/httpget.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <charconv>
#include <chrono>
#include <iostream>
#include <optional>
#include <string>

namespace tollgate::app {

namespace {

using namespace tollgate::server;
namespace json = boost::json;

constexpr const char* kUsage
    = "usage: tollgated verify --admin URL [--method M] [--path P | --path-prefix P]\n"
      "                        [--route R] [--key ID] [--tier T] [--status N]\n"
      "                        [--header 'NAME[: VALUE]'] [--body-contains TEXT]\n"
      "                        [--count N | --at-least N | --at-most N | --none]\n"
      "                        [--json] [--reset]\n"
      "       tollgated verify --admin URL --reset\n"
      "\n"
      "Asks a running tollgated's request journal (tollgated --admin-port; URL is\n"
      "its admin endpoint, as tollgated prints it) how many of the requests it\n"
      "received match, so a test of your own client can check what it sent.\n"
      "Every filter given must hold: --method (any case), --path (exactly, without\n"
      "the query) or --path-prefix, --route (the route's name, \"GET /v1/users/{id}\"),\n"
      "--key (a key id, never a secret: the journal holds none), --tier, --status,\n"
      "--header NAME (present) or 'NAME: VALUE' (with that value), --body-contains.\n"
      "Expected: --count N exactly, --at-least N, --at-most N, --none (--count 0);\n"
      "without one, at least one. Exit status 0 when that holds, 1 when it does not\n"
      "(what did match and the newest requests are printed), 2 for bad arguments or\n"
      "an admin endpoint that does not answer. --json prints the matching requests\n"
      "as the journal gives them. --reset empties the journal (after the check when\n"
      "filters are given), so the next test starts from nothing.\n";

/// The admin endpoint's base: the URL as tollgated prints it (".../metrics")
/// or any of its paths, without the path.
std::string adminBase(std::string url)
{
    for (const char* suffix : { "/metrics", "/journal", "/health" }) {
        const std::string s = suffix;
        if (url.size() >= s.size() && url.compare(url.size() - s.size(), s.size(), s) == 0) {
            url.resize(url.size() - s.size());
            break;
        }
    }
    while (!url.empty() && url.back() == '/')
        url.pop_back();
    return url;
}

std::string describe(const json::object& r)
{
    auto text = [&](const char* name) {
        const json::value* v = r.if_contains(name);
        return v && v->is_string() ? std::string(v->as_string()) : std::string();
    };
    std::string line = "  #" + json::serialize(r.at("sequence")) + ' ' + text("method") + ' '
        + text("target") + " -> " + json::serialize(r.at("status"));
    if (!text("route").empty())
        line += " (route " + text("route") + ')';
    if (!text("key").empty())
        line += " key " + text("key") + " tier " + text("tier");
    return line;
}

bool fetch(const std::string& url, const std::string& method, HttpGetResult* out,
    std::string* error)
{
    if (!httpRequest(method, url, std::chrono::seconds(5), out, error))
        return false;
    if (out->status == 404 && out->body.find("journal is off") != std::string::npos) {
        *error = "the server keeps no request journal (tollgated --journal 0)";
        return false;
    }
    return true;
}

} // namespace

int runVerifyCommand(const std::vector<std::string>& args)
{
    std::string admin;
    std::string query;
    std::string shown; // the filters, for messages
    std::optional<std::uint64_t> exactly;
    std::optional<std::uint64_t> atLeast;
    std::optional<std::uint64_t> atMost;
    bool asJson = false;
    bool reset = false;
    bool filtered = false;

    auto usageError = [](const std::string& why) {
        std::cerr << "tollgated verify: " << why << "\n" << kUsage;
        return 2;
    };
    auto addFilter = [&](const char* name, const std::string& value) {
        query += (query.empty() ? "" : "&") + std::string(name) + '=' + percentEncode(value);
        shown += (shown.empty() ? "" : ", ") + std::string(name) + ' ' + value;
        filtered = true;
    };
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&](std::string* out) {
            if (i + 1 >= args.size())
                return false;
            *out = args[++i];
            return true;
        };
        auto count = [&](std::optional<std::uint64_t>* out) {
            std::string v;
            std::uint64_t n = 0;
            if (!value(&v))
                return false;
            const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
            if (ec != std::errc() || end != v.data() + v.size())
                return false;
            *out = n;
            return true;
        };
        std::string v;
        if (a == "--help" || a == "-h") {
            std::cout << kUsage;
            return 0;
        } else if (a == "--admin") {
            if (!value(&admin) || admin.empty())
                return usageError("--admin needs the admin endpoint's URL (http://127.0.0.1:PORT)");
        } else if (a == "--method" || a == "--path" || a == "--path-prefix" || a == "--route"
            || a == "--key" || a == "--tier" || a == "--body-contains") {
            if (!value(&v) || v.empty())
                return usageError(a + " needs a value");
            const char* name = a == "--method" ? "method"
                : a == "--path"                ? "path"
                : a == "--path-prefix"         ? "pathPrefix"
                : a == "--route"               ? "route"
                : a == "--key"                 ? "key"
                : a == "--tier"                ? "tier"
                                               : "bodyContains";
            if (a == "--key" && v.rfind("tg_", 0) == 0)
                return usageError("--key takes a key's id (key_…), not its secret");
            addFilter(name, v);
        } else if (a == "--status") {
            std::optional<std::uint64_t> n;
            if (!count(&n) || *n < 100 || *n > 599)
                return usageError("--status needs a status code from 100 to 599");
            addFilter("status", std::to_string(*n));
        } else if (a == "--header") {
            if (!value(&v) || v.empty() || v.front() == ':')
                return usageError("--header needs NAME or 'NAME: VALUE'");
            const auto colon = v.find(':');
            addFilter("header",
                colon == std::string::npos
                    ? v
                    : v.substr(0, colon) + ':' + std::string(trimBlanks(v.substr(colon + 1))));
        } else if (a == "--count") {
            if (!count(&exactly))
                return usageError("--count needs a whole number");
        } else if (a == "--at-least") {
            if (!count(&atLeast))
                return usageError("--at-least needs a whole number");
        } else if (a == "--at-most") {
            if (!count(&atMost))
                return usageError("--at-most needs a whole number");
        } else if (a == "--none") {
            exactly = 0;
        } else if (a == "--json") {
            asJson = true;
        } else if (a == "--reset") {
            reset = true;
        } else {
            return usageError("unknown argument \"" + a + "\"");
        }
    }
    if (admin.empty())
        return usageError("--admin URL is required (tollgated prints it: \"admin on ...\")");
    if (exactly && (atLeast || atMost))
        return usageError("--count (or --none) says exactly how many; leave out --at-least and "
                          "--at-most");
    const std::string base = adminBase(admin);
    std::string error;
    HttpGetResult answer;

    const bool check = filtered || exactly || atLeast || atMost || !reset;
    int status = 0;
    if (check) {
        if (!fetch(base + "/journal" + (query.empty() ? "" : "?" + query), "GET", &answer,
                &error)) {
            std::cerr << "tollgated verify: " << error << "\n";
            return 2;
        }
        if (answer.status != 200) {
            std::cerr << "tollgated verify: " << base << "/journal answered " << answer.status
                      << ": " << answer.body;
            return 2;
        }
        boost::system::error_code ec;
        const json::value doc = json::parse(answer.body, ec);
        const json::object* root = ec ? nullptr : doc.if_object();
        const json::array* found
            = root && root->contains("requests") ? root->at("requests").if_array() : nullptr;
        if (!found) {
            std::cerr << "tollgated verify: " << base
                      << "/journal did not answer with a journal (is it a Tollgate admin "
                         "endpoint?)\n";
            return 2;
        }
        const std::uint64_t n = found->size();
        const bool holds = exactly ? n == *exactly
                                   : (!atLeast || n >= *atLeast) && (!atMost || n <= *atMost)
                && (atLeast || atMost || n >= 1);
        std::string expected = exactly ? "exactly " + std::to_string(*exactly)
            : atLeast && atMost
            ? "from " + std::to_string(*atLeast) + " to " + std::to_string(*atMost)
            : atLeast ? "at least " + std::to_string(*atLeast)
            : atMost  ? "at most " + std::to_string(*atMost)
                      : std::string("at least 1");
        const std::string what = shown.empty() ? "requests" : "requests with " + shown;
        if (asJson)
            std::cout << json::serialize(*found) << "\n";
        if (holds) {
            std::cerr << "verified: " << n << ' ' << (n == 1 ? "request" : "requests")
                      << (shown.empty() ? "" : " with " + shown) << " (expected " << expected
                      << ")\n";
        } else {
            status = 1;
            std::cerr << "not verified: expected " << expected << ' ' << what << ", found " << n
                      << (n ? ":" : "") << "\n";
            for (const auto& r : *found) {
                if (r.is_object())
                    std::cerr << describe(r.as_object()) << "\n";
            }
            // What did arrive, to see why.
            HttpGetResult newest;
            std::string ignored;
            if (fetch(base + "/journal?limit=10", "GET", &newest, &ignored)
                && newest.status == 200) {
                const json::value all = json::parse(newest.body, ec);
                const json::object* o = ec ? nullptr : all.if_object();
                const json::array* list
                    = o && o->contains("requests") ? o->at("requests").if_array() : nullptr;
                if (list && !list->empty()) {
                    std::cerr << "the newest requests in the journal:\n";
                    for (const auto& r : *list) {
                        if (r.is_object())
                            std::cerr << describe(r.as_object()) << "\n";
                    }
                } else if (list) {
                    std::cerr << "the journal holds no request at all\n";
                }
            }
        }
    }
    if (reset) {
        if (!fetch(base + "/journal", "DELETE", &answer, &error) || answer.status != 204) {
            std::cerr << "tollgated verify: cannot empty the journal: "
                      << (error.empty() ? "status " + std::to_string(answer.status) : error)
                      << "\n";
            return 2;
        }
        if (!check)
            std::cerr << "the journal is empty now\n";
    }
    return status;
}

} // namespace tollgate::app
