#include "server/metering/journal.h"

#include "server/common/text.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <charconv>

namespace tollgate::server {

namespace json = boost::json;

std::string_view JournalEntry::path() const
{
    const std::string_view t = target;
    return t.substr(0, t.find('?'));
}

bool JournalFilter::matches(const JournalEntry& e) const
{
    if (e.sequence <= after)
        return false;
    if (method && !iequals(*method, e.method))
        return false;
    if (path && e.path() != *path)
        return false;
    if (pathPrefix && e.path().substr(0, pathPrefix->size()) != *pathPrefix)
        return false;
    if (route && e.route != *route)
        return false;
    if (keyId && e.keyId != *keyId)
        return false;
    if (tier && e.tier != *tier)
        return false;
    if (status && e.status != *status)
        return false;
    if (header) {
        const bool found = std::any_of(e.headers.begin(), e.headers.end(), [&](const auto& h) {
            return iequals(h.first, header->first)
                && (!header->second || h.second == *header->second);
        });
        if (!found)
            return false;
    }
    if (bodyContains && e.body.find(*bodyContains) == std::string::npos)
        return false;
    return true;
}

bool JournalFilter::fromQuery(std::string_view query, JournalFilter* out, std::string* error)
{
    JournalFilter f;
    auto fail = [&](const std::string& why) {
        if (error)
            *error = why;
        return false;
    };
    auto number = [](const std::string& text, std::uint64_t* n) {
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *n);
        return ec == std::errc() && end == text.data() + text.size();
    };
    for (auto& [name, value] : parseQuery(query)) {
        std::uint64_t n = 0;
        if (name == "method") {
            f.method = value;
        } else if (name == "path") {
            f.path = value;
        } else if (name == "pathPrefix") {
            f.pathPrefix = value;
        } else if (name == "route") {
            f.route = value;
        } else if (name == "key") {
            f.keyId = value;
        } else if (name == "tier") {
            f.tier = value;
        } else if (name == "status") {
            if (!number(value, &n) || n > 999)
                return fail("status must be a status code, not \"" + value + "\"");
            f.status = static_cast<int>(n);
        } else if (name == "header") {
            // NAME or NAME:VALUE (the value after optional blanks).
            const auto colon = value.find(':');
            std::string headerName = value.substr(0, colon);
            if (headerName.empty())
                return fail("header must be NAME or NAME:VALUE");
            std::optional<std::string> headerValue;
            if (colon != std::string::npos)
                headerValue = std::string(trimBlanks(std::string_view(value).substr(colon + 1)));
            f.header.emplace(std::move(headerName), std::move(headerValue));
        } else if (name == "bodyContains") {
            f.bodyContains = value;
        } else if (name == "after") {
            if (!number(value, &n))
                return fail("after must be a sequence number, not \"" + value + "\"");
            f.after = n;
        } else if (name == "limit") {
            if (!number(value, &n))
                return fail("limit must be a whole number, not \"" + value + "\"");
            f.limit = static_cast<std::size_t>(n);
        } else {
            return fail("unknown filter \"" + name
                + "\" (method, path, pathPrefix, route, key, tier, status, header, bodyContains, "
                  "after, limit)");
        }
    }
    *out = std::move(f);
    return true;
}

RequestJournal::RequestJournal(std::size_t capacity, std::size_t bodyLimit)
    : m_capacity(std::min(capacity, kMaxCapacity))
    , m_bodyLimit(bodyLimit)
{
}

void RequestJournal::add(JournalEntry entry)
{
    if (m_capacity == 0)
        return;
    std::lock_guard lock(m_mutex);
    entry.sequence = ++m_sequence;
    ++m_sinceReset;
    if (m_ring.size() < m_capacity) {
        m_ring.push_back(std::move(entry));
        return;
    }
    // The old entry is swapped out and destroyed after the lock is let go.
    std::swap(m_ring[m_next], entry);
    m_next = (m_next + 1) % m_capacity;
}

std::vector<JournalEntry> RequestJournal::select(const JournalFilter& filter) const
{
    std::vector<JournalEntry> out;
    {
        std::lock_guard lock(m_mutex);
        const std::size_t n = m_ring.size();
        // Oldest first: once full, the oldest sits at m_next.
        const std::size_t first = n < m_capacity ? 0 : m_next;
        for (std::size_t i = 0; i < n; ++i) {
            const JournalEntry& e = m_ring[(first + i) % n];
            if (filter.matches(e))
                out.push_back(e);
        }
    }
    if (filter.limit > 0 && out.size() > filter.limit)
        out.erase(out.begin(), out.end() - static_cast<std::ptrdiff_t>(filter.limit));
    return out;
}

void RequestJournal::reset()
{
    std::vector<JournalEntry> gone;
    std::lock_guard lock(m_mutex);
    gone.swap(m_ring);
    m_next = 0;
    m_sinceReset = 0;
}

std::size_t RequestJournal::size() const
{
    std::lock_guard lock(m_mutex);
    return m_ring.size();
}

std::uint64_t RequestJournal::addedSinceReset() const
{
    std::lock_guard lock(m_mutex);
    return m_sinceReset;
}

void maskKeyFields(std::vector<std::pair<std::string, std::string>>* headers)
{
    for (auto& [name, value] : *headers) {
        if (iequals(name, "Authorization")) {
            // Keep the scheme (Bearer, Basic): what a client sent, not the key.
            const auto space = value.find(' ');
            value = (space == std::string::npos ? std::string() : value.substr(0, space + 1))
                + "[redacted]";
        } else if (iequals(name, "X-API-Key") || iequals(name, "Proxy-Authorization")) {
            value = "[redacted]";
        }
    }
}

std::string journalToJson(const RequestJournal& journal, const std::vector<JournalEntry>& entries)
{
    json::array requests;
    for (const JournalEntry& e : entries) {
        json::object o;
        o["sequence"] = e.sequence;
        o["timeUs"] = e.timeUs;
        o["method"] = isValidUtf8(e.method) ? e.method : base64Encode(e.method);
        o["target"] = isValidUtf8(e.target) ? e.target : base64Encode(e.target);
        o["path"] = isValidUtf8(e.path()) ? std::string(e.path()) : base64Encode(e.path());
        json::array headers;
        for (const auto& [name, value] : e.headers) {
            json::object h;
            h["name"] = isValidUtf8(name) ? name : base64Encode(name);
            // Field values are octets (RFC 9110 5.5): base64 when not UTF-8.
            if (isValidUtf8(value))
                h["value"] = value;
            else
                h["valueBase64"] = base64Encode(value);
            headers.push_back(std::move(h));
        }
        o["headers"] = std::move(headers);
        if (isValidUtf8(e.body))
            o["body"] = e.body;
        else
            o["bodyBase64"] = base64Encode(e.body);
        o["bodyBytes"] = e.bodyBytes;
        o["bodyTruncated"] = e.bodyTruncated();
        o["route"] = e.route;
        o["key"] = e.keyId;
        o["tier"] = e.tier;
        o["status"] = e.status;
        o["requestId"] = e.requestId;
        requests.push_back(std::move(o));
    }
    json::object root;
    root["requests"] = std::move(requests);
    root["held"] = journal.size();
    root["capacity"] = journal.capacity();
    root["bodyLimit"] = journal.bodyLimit();
    root["addedSinceReset"] = journal.addedSinceReset();
    return json::serialize(root);
}

} // namespace tollgate::server
