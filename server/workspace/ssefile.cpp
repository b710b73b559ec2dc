#include "server/workspace/ssefile.h"

namespace tollgate::server {

namespace json = boost::json;
using namespace jsonfile;

namespace {

constexpr int kMaxDelayMs = 3'600'000;

} // namespace

json::object sseToJson(const SseStream& s)
{
    json::object o;
    o["mode"] = s.mode == SseMode::Tokens ? "tokens" : "events";
    json::array events;
    for (const SseEvent& e : s.events) {
        json::object eo;
        if (!e.event.empty())
            eo["event"] = jsonString(e.event);
        eo["data"] = jsonString(e.data);
        if (!e.id.empty())
            eo["id"] = jsonString(e.id);
        if (e.retryMs > 0)
            eo["retryMs"] = e.retryMs;
        eo["delayMs"] = e.delayMs;
        events.push_back(std::move(eo));
    }
    o["events"] = std::move(events);
    o["repeat"] = s.repeat;
    if (s.eventsPerSecond > 0)
        o["eventsPerSecond"] = s.eventsPerSecond;
    // Kept for the way back to tokens, like any setting that is not the default.
    const SseStream defaults;
    if (s.mode == SseMode::Tokens || s.text != defaults.text || s.model != defaults.model
        || s.tokensPerSecond != defaults.tokensPerSecond
        || s.tokensPerChunk != defaults.tokensPerChunk) {
        json::object t;
        t["text"] = jsonString(s.text);
        t["model"] = jsonString(s.model);
        t["tokensPerSecond"] = s.tokensPerSecond;
        t["tokensPerChunk"] = s.tokensPerChunk;
        o["tokens"] = std::move(t);
    }
    o["heartbeatMs"] = s.heartbeatMs;
    return o;
}

void readSse(Reader& r, const json::object& o, const std::string& p, SseStream* out)
{
    SseStream s;
    std::string word;
    if (r.getString(o, "mode", p, &word)) {
        if (word == "events" || word == "tokens")
            s.mode = word == "tokens" ? SseMode::Tokens : SseMode::Events;
        else
            r.error(Reader::child(p, "mode"),
                "unknown mode " + jsonQuoted(word) + " (expected \"events\" or \"tokens\")");
    }
    if (const json::array* events = r.getArray(o, "events", p)) {
        const std::string ep = Reader::child(p, "events");
        for (std::size_t i = 0; i < events->size(); ++i) {
            const std::string ip = Reader::child(ep, i);
            if (!(*events)[i].is_object()) {
                r.error(ip, "each event must be an object with at least \"data\"");
                continue;
            }
            const json::object& eo = (*events)[i].get_object();
            SseEvent e;
            r.getString(eo, "event", ip, &e.event);
            r.getString(eo, "data", ip, &e.data);
            r.getString(eo, "id", ip, &e.id);
            r.readInt(eo, "retryMs", ip, 0, kMaxDelayMs, &e.retryMs);
            r.readInt(eo, "delayMs", ip, 0, kMaxDelayMs, &e.delayMs);
            // A line break would end the field early and start another one
            // of the client's choosing.
            for (const auto& [name, value] : { std::pair { "event", &e.event }, { "id", &e.id } })
                if (value->find_first_of("\r\n") != std::string::npos)
                    r.error(
                        Reader::child(ip, name), std::string("\"") + name + "\" must be one line");
            if (e.id.find('\0') != std::string::npos)
                r.error(Reader::child(ip, "id"), "\"id\" must not contain NUL");
            s.events.push_back(std::move(e));
        }
    }
    r.getBool(o, "repeat", p, &s.repeat);
    r.readDouble(o, "eventsPerSecond", p, 0.0, 100'000.0, &s.eventsPerSecond);
    if (const json::object* t = r.getObject(o, "tokens", p)) {
        const std::string tp = Reader::child(p, "tokens");
        r.getString(*t, "text", tp, &s.text);
        r.getString(*t, "model", tp, &s.model);
        r.readDouble(*t, "tokensPerSecond", tp, 0.01, 100'000.0, &s.tokensPerSecond);
        r.readInt(*t, "tokensPerChunk", tp, 1, 10'000, &s.tokensPerChunk);
    }
    r.readInt(o, "heartbeatMs", p, 0, kMaxDelayMs, &s.heartbeatMs);
    if (s.heartbeatMs > 0 && s.heartbeatMs < 100)
        r.error(
            Reader::child(p, "heartbeatMs"), "\"heartbeatMs\" must be 0 (none) or at least 100");
    *out = std::move(s);
}

} // namespace tollgate::server
