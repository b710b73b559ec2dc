#include "server/workspace/wsfile.h"

#include <regex>

namespace tollgate::server {

namespace json = boost::json;
using namespace jsonfile;

namespace {

constexpr int kMaxDelayMs = 3'600'000;

constexpr std::pair<WsMatch, std::string_view> kMatches[] { { WsMatch::Equals, "equals" },
    { WsMatch::Contains, "contains" }, { WsMatch::Regex, "regex" }, { WsMatch::Any, "any" } };

json::array messagesToJson(const std::vector<WsMessage>& messages)
{
    json::array out;
    for (const WsMessage& m : messages) {
        json::object mo;
        mo["text"] = jsonString(m.text);
        if (m.delayMs > 0)
            mo["delayMs"] = m.delayMs;
        out.push_back(std::move(mo));
    }
    return out;
}

void readMessages(Reader& r, const json::object& o, std::string_view key, const std::string& p,
    std::vector<WsMessage>* out)
{
    const json::array* messages = r.getArray(o, key, p);
    if (!messages)
        return;
    const std::string mp = Reader::child(p, key);
    for (std::size_t i = 0; i < messages->size(); ++i) {
        const std::string ip = Reader::child(mp, i);
        if (!(*messages)[i].is_object()) {
            r.error(ip, "each message must be an object with \"text\"");
            continue;
        }
        const json::object& mo = (*messages)[i].get_object();
        WsMessage m;
        if (!mo.contains("text"))
            r.error(ip, "a message needs \"text\"");
        r.getString(mo, "text", ip, &m.text);
        r.readInt(mo, "delayMs", ip, 0, kMaxDelayMs, &m.delayMs);
        out->push_back(std::move(m));
    }
}

} // namespace

std::string wsCloseCodeProblem(int code)
{
    if ((code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014)
        || (code >= 3000 && code <= 4999))
        return {};
    return "close code " + std::to_string(code)
        + " cannot be sent (use 1000-1003, 1007-1014, or 3000-4999 for your own)";
}

json::object wsToJson(const WsScript& s)
{
    json::object o;
    o["onOpen"] = messagesToJson(s.onOpen);
    json::array rules;
    for (const WsRule& rule : s.rules) {
        json::object ro;
        for (const auto& [m, name] : kMatches)
            if (m == rule.match)
                ro["match"] = name;
        if (!rule.pointer.empty())
            ro["pointer"] = jsonString(rule.pointer);
        if (rule.match != WsMatch::Any || !rule.value.empty())
            ro["value"] = jsonString(rule.value);
        ro["replies"] = messagesToJson(rule.replies);
        ro["to"] = rule.audience == WsAudience::Everyone ? "everyone" : "sender";
        if (rule.closeCode > 0) {
            json::object close;
            close["code"] = rule.closeCode;
            if (!rule.closeReason.empty())
                close["reason"] = jsonString(rule.closeReason);
            ro["close"] = std::move(close);
        }
        rules.push_back(std::move(ro));
    }
    o["rules"] = std::move(rules);
    o["echo"] = s.echo;
    o["maxMessageBytes"] = s.maxMessageBytes;
    o["frameBytes"] = s.frameBytes;
    o["idleTimeoutMs"] = s.idleTimeoutMs;
    return o;
}

void readWs(Reader& r, const json::object& o, const std::string& p, WsScript* out)
{
    WsScript s;
    readMessages(r, o, "onOpen", p, &s.onOpen);
    if (const json::array* rules = r.getArray(o, "rules", p)) {
        const std::string rp = Reader::child(p, "rules");
        for (std::size_t i = 0; i < rules->size(); ++i) {
            const std::string ip = Reader::child(rp, i);
            if (!(*rules)[i].is_object()) {
                r.error(
                    ip, "each rule must be an object with \"match\", \"value\" and \"replies\"");
                continue;
            }
            const json::object& ro = (*rules)[i].get_object();
            WsRule rule;
            std::string word;
            if (r.getString(ro, "match", ip, &word)) {
                bool known = false;
                for (const auto& [m, name] : kMatches)
                    if (name == word) {
                        rule.match = m;
                        known = true;
                    }
                if (!known)
                    r.error(Reader::child(ip, "match"),
                        "unknown match " + jsonQuoted(word)
                            + " (expected \"equals\", \"contains\", \"regex\" or \"any\")");
            }
            if (r.getString(ro, "pointer", ip, &rule.pointer) && !rule.pointer.empty()
                && rule.pointer.front() != '/')
                r.error(Reader::child(ip, "pointer"),
                    "\"pointer\" is a JSON pointer into the message, such as \"/type\": it starts "
                    "with '/'");
            r.getString(ro, "value", ip, &rule.value);
            if (rule.match == WsMatch::Regex) {
                try {
                    std::regex check(rule.value, std::regex::ECMAScript);
                } catch (const std::regex_error& e) {
                    r.error(Reader::child(ip, "value"),
                        "invalid regular expression " + jsonQuoted(rule.value) + ": " + e.what());
                }
            }
            readMessages(r, ro, "replies", ip, &rule.replies);
            if (r.getString(ro, "to", ip, &word)) {
                if (word == "sender" || word == "everyone")
                    rule.audience = word == "everyone" ? WsAudience::Everyone : WsAudience::Sender;
                else
                    r.error(Reader::child(ip, "to"),
                        "unknown audience " + jsonQuoted(word)
                            + " (expected \"sender\" or \"everyone\")");
            }
            if (const json::object* close = r.getObject(ro, "close", ip)) {
                const std::string cp = Reader::child(ip, "close");
                r.readInt(*close, "code", cp, 0, 4999, &rule.closeCode);
                r.getString(*close, "reason", cp, &rule.closeReason);
                if (!close->contains("code"))
                    r.error(cp, "\"close\" needs a \"code\", such as 1000");
                else if (const std::string why = wsCloseCodeProblem(rule.closeCode); !why.empty())
                    r.error(Reader::child(cp, "code"), why);
                // The reason and the code share a control frame's 125 bytes.
                if (rule.closeReason.size() > 123)
                    r.error(Reader::child(cp, "reason"),
                        "a close reason is at most 123 bytes (it has "
                            + std::to_string(rule.closeReason.size()) + ")");
            }
            s.rules.push_back(std::move(rule));
        }
    }
    r.getBool(o, "echo", p, &s.echo);
    r.readInt(o, "maxMessageBytes", p, 1, kMaxWsMessageBytes, &s.maxMessageBytes);
    r.readInt(o, "frameBytes", p, 1, kMaxWsMessageBytes, &s.frameBytes);
    r.readInt(o, "idleTimeoutMs", p, 0, kMaxDelayMs, &s.idleTimeoutMs);
    if (s.idleTimeoutMs > 0 && s.idleTimeoutMs < 200)
        r.error(Reader::child(p, "idleTimeoutMs"),
            "\"idleTimeoutMs\" must be 0 (never) or at least 200");
    *out = std::move(s);
}

} // namespace tollgate::server
