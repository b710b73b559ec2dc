#include "server/interchange/exportsupport.h"

#include "server/access/usage.h"
#include "server/common/files.h"
#include "server/common/text.h"

#include <boost/json/parse.hpp>

#include <cctype>

namespace tollgate::server {

namespace {

/// "$0.001" for 1,000 µ$, "-$1.50" below zero: at least two decimals.
std::string money(Micros micros)
{
    std::string text = formatMicros(micros); // "-1.500000"
    text.insert(text.front() == '-' ? 1 : 0, "$");
    while (text.size() > text.find('.') + 3 && text.back() == '0')
        text.pop_back();
    return text;
}

std::string count(std::int64_t n, const char* unlimited = "unlimited")
{
    return n == 0 ? std::string(unlimited) : std::to_string(n);
}

} // namespace

std::string workspaceUrl(const Workspace& ws)
{
    std::string host = ws.server.bind;
    if (host.empty() || host == "0.0.0.0")
        host = "127.0.0.1";
    else if (host == "::")
        host = "::1";
    if (host.find(':') != std::string::npos)
        host = '[' + host + ']';
    return "http://" + host + ':' + std::to_string(ws.server.port);
}

std::string servedText(const std::string& body, bool* templated)
{
    *templated = false;
    if (body.rfind("{{=", 0) == 0) {
        const std::size_t end = body.find("=}}");
        const std::size_t space = body.find(' ', 3);
        if (end != std::string::npos && space != std::string::npos && space < end) {
            const std::string open = body.substr(3, space - 3);
            const std::string rest = body.substr(end + 3);
            if (rest.find(open) == std::string::npos)
                return rest;
        }
    }
    *templated = body.find("{{") != std::string::npos;
    return body;
}

std::string responseMediaType(const Response& response, const std::string& body)
{
    for (const Header& h : response.headers) {
        if (iequals(h.name, "Content-Type"))
            return h.value;
    }
    if (body.empty())
        return {};
    boost::system::error_code ec;
    (void)boost::json::parse(body, ec);
    return ec ? "text/plain" : "application/json";
}

std::string operationId(const Route& route, std::set<std::string>* taken)
{
    std::string id = lowerAscii(route.method);
    bool upper = true;
    for (char c : route.path) {
        if (std::isalnum(static_cast<unsigned char>(c))) {
            id += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
            upper = false;
        } else {
            upper = true;
        }
    }
    std::string unique = id;
    for (int n = 2; !taken->insert(unique).second; ++n)
        unique = id + std::to_string(n);
    return unique;
}

std::vector<PathPiece> pathPieces(const std::string& path)
{
    std::vector<PathPiece> pieces;
    const auto literal = [&pieces](char c) {
        if (pieces.empty() || pieces.back().kind != PathPiece::Literal)
            pieces.push_back({ PathPiece::Literal, {} });
        pieces.back().text += c;
    };
    std::size_t i = 0;
    while (i < path.size()) {
        if (path[i] == '{') {
            const std::size_t close = path.find('}', i);
            if (close == std::string::npos)
                break; // the route table refuses such paths; keep what came before
            pieces.push_back({ PathPiece::Param, path.substr(i + 1, close - i - 1) });
            i = close + 1;
        } else if (path[i] == '*' && i + 1 == path.size()) {
            pieces.push_back({ PathPiece::Wildcard, {} });
            ++i;
        } else {
            literal(path[i++]);
        }
    }
    return pieces;
}

bool readResponseBody(
    const Workspace& ws, const Response& response, std::string* body, std::string* error)
{
    *body = response.body;
    if (response.bodyFile.empty() || !body->empty())
        return true;
    // A body file that leads out of the workspace (a link in a cloned
    // repository) must not end up in an exported project.
    return readFileInside(ws.dir, response.bodyFile, "body file", body, error);
}

std::string tiersMarkdown(const Workspace& ws)
{
    if (ws.tiers.empty())
        return {};
    std::string text = "## Pricing tiers\n\n"
                       "| Tier | Requests per minute | Burst | Monthly quota | Price per request | "
                       "Monthly fee | Over the quota |\n"
                       "|---|---|---|---|---|---|---|\n";
    for (const Tier& t : ws.tiers) {
        const std::string over = t.overQuota == OverQuotaPolicy::Bill
            ? "billed " + money(t.overagePriceMicros) + " per request"
            : std::string("429 until the month ends");
        text += "| " + t.name + " (`" + t.id + "`) | " + count(t.requestsPerMinute) + " | "
            + std::to_string(t.burst) + " | " + count(t.monthlyQuota) + " | "
            + money(t.pricePerRequestMicros) + " | " + money(t.monthlyFeeMicros) + " | " + over
            + " |\n";
    }
    text += "\nKeys are sent as `X-API-Key: <key>` or `Authorization: Bearer <key>`. Limited "
            "answers carry the `RateLimit` and `RateLimit-Policy` fields and `Retry-After`.";
    return text;
}

} // namespace tollgate::server
