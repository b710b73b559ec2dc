#include "server/curl.h"

#include <boost/json/parse.hpp>

#include <cctype>
#include <cmath>
#include <string>
#include <vector>

namespace tollgate::server {

namespace {

using Kind = ComposerRequest::BodyKind;

// Splits like a POSIX shell would, because pasted commands come from bash.
bool tokenize(std::string_view s, std::vector<std::string>* out, std::string* error)
{
    std::string cur;
    bool have = false;
    std::size_t i = 0;
    while (i < s.size()) {
        const char c = s[i];
        if (c == '\\' && i + 1 < s.size() && (s[i + 1] == '\n' || s[i + 1] == '\r')) {
            i += (s[i + 1] == '\r' && i + 2 < s.size() && s[i + 2] == '\n') ? 3 : 2;
        } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            if (have)
                out->push_back(cur);
            cur.clear();
            have = false;
            ++i;
        } else if (c == '\\') {
            if (i + 1 < s.size())
                cur += s[i + 1];
            have = true;
            i += 2;
        } else if (c == '\'') {
            const auto end = s.find('\'', i + 1);
            if (end == std::string_view::npos) {
                *error = "unterminated single quote at offset " + std::to_string(i);
                return false;
            }
            cur += s.substr(i + 1, end - i - 1);
            have = true;
            i = end + 1;
        } else if (c == '$' && i + 1 < s.size() && s[i + 1] == '\'') {
            const std::size_t start = i;
            i += 2;
            bool closed = false;
            while (i < s.size()) {
                if (s[i] == '\'') {
                    closed = true;
                    ++i;
                    break;
                }
                if (s[i] == '\\' && i + 1 < s.size()) {
                    const char e = s[i + 1];
                    i += 2;
                    switch (e) {
                    case 'n':
                        cur += '\n';
                        break;
                    case 't':
                        cur += '\t';
                        break;
                    case 'r':
                        cur += '\r';
                        break;
                    case 'x': {
                        int v = 0, n = 0;
                        while (n < 2 && i < s.size()
                            && std::isxdigit(static_cast<unsigned char>(s[i]))) {
                            v = v * 16 + std::stoi(std::string(1, s[i]), nullptr, 16);
                            ++i;
                            ++n;
                        }
                        cur += static_cast<char>(v);
                        break;
                    }
                    default:
                        cur += e;
                    }
                } else {
                    cur += s[i++];
                }
            }
            if (!closed) {
                *error = "unterminated $'...' quote at offset " + std::to_string(start);
                return false;
            }
            have = true;
        } else if (c == '"') {
            const std::size_t start = i++;
            bool closed = false;
            while (i < s.size()) {
                if (s[i] == '"') {
                    closed = true;
                    ++i;
                    break;
                }
                if (s[i] == '\\' && i + 1 < s.size()
                    && (s[i + 1] == '"' || s[i + 1] == '\\' || s[i + 1] == '$' || s[i + 1] == '`'
                        || s[i + 1] == '\n')) {
                    if (s[i + 1] != '\n')
                        cur += s[i + 1];
                    i += 2;
                } else {
                    cur += s[i++];
                }
            }
            if (!closed) {
                *error = "unterminated double quote at offset " + std::to_string(start);
                return false;
            }
            have = true;
        } else {
            cur += c;
            have = true;
            ++i;
        }
    }
    if (have)
        out->push_back(cur);
    return true;
}

std::string urlEncode(std::string_view v)
{
    static const char* hex = "0123456789ABCDEF";
    std::string r;
    for (unsigned char c : v) {
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~')
            r += static_cast<char>(c);
        else {
            r += '%';
            r += hex[c >> 4];
            r += hex[c & 15];
        }
    }
    return r;
}

std::string quote(std::string_view s)
{
    std::string r = "'";
    for (char c : s) {
        if (c == '\'')
            r += "'\\''";
        else
            r += c;
    }
    return r + "'";
}

// Locale-independent seconds ("2.5"): std::to_string(double) follows the C
// locale, which a Qt GUI sets from the environment (a comma in de_DE).
std::string seconds(int ms)
{
    std::string r = std::to_string(ms / 1000);
    if (ms % 1000) {
        std::string frac = std::to_string(1000 + ms % 1000).substr(1);
        while (frac.back() == '0')
            frac.pop_back();
        r += "." + frac;
    }
    return r;
}

std::string pyStr(std::string_view s)
{
    std::string r = "\"";
    for (char c : s) {
        switch (c) {
        case '"':
            r += "\\\"";
            break;
        case '\\':
            r += "\\\\";
            break;
        case '\n':
            r += "\\n";
            break;
        case '\r':
            r += "\\r";
            break;
        case '\t':
            r += "\\t";
            break;
        default:
            r += c;
        }
    }
    return r + "\"";
}

} // namespace

bool parseCurl(std::string_view commandLine, ComposerRequest* out, std::string* error)
{
    std::vector<std::string> t;
    if (!tokenize(commandLine, &t, error))
        return false;
    std::size_t i = 0;
    if (i < t.size() && t[i] == "$")
        ++i;
    if (i < t.size() && t[i] == "curl")
        ++i;
    ComposerRequest r;
    std::string method;
    std::vector<std::string> data;
    bool get = false, head = false, sawFile = false;
    for (; i < t.size(); ++i) {
        std::string opt = t[i];
        std::string val;
        bool hasVal = false;
        if (opt.size() > 2 && opt[0] == '-' && opt[1] != '-') {
            // Combined short flags (-sSL) or an attached value (-XPOST).
            static const std::string withArg = "XHdFuAebmoT";
            std::string flags = opt.substr(1);
            opt = "-" + flags.substr(0, 1);
            for (std::size_t k = 0; k < flags.size(); ++k) {
                if (withArg.find(flags[k]) != std::string::npos) {
                    opt = "-" + flags.substr(k, 1);
                    if (k + 1 < flags.size()) {
                        val = flags.substr(k + 1);
                        hasVal = true;
                    }
                    break;
                }
                if (k + 1 < flags.size()) {
                    const char f = flags[k];
                    if (f == 'L')
                        r.followRedirects = true;
                    else if (f == 'k')
                        r.insecure = true;
                    else if (f == 'G')
                        get = true;
                    else if (f == 'I')
                        head = true;
                    else if (std::string("sSvi").find(f) == std::string::npos) {
                        *error = "unknown option: -" + std::string(1, f);
                        return false;
                    }
                } else {
                    opt = "-" + flags.substr(k, 1);
                }
            }
        }
        auto arg = [&](std::string* v) {
            if (hasVal) {
                *v = val;
                return true;
            }
            if (i + 1 >= t.size()) {
                *error = "option " + opt + " needs an argument";
                return false;
            }
            *v = t[++i];
            return true;
        };
        std::string a;
        if (opt.empty() || opt[0] != '-') {
            r.url = opt;
        } else if (opt == "-X" || opt == "--request") {
            if (!arg(&method))
                return false;
        } else if (opt == "-H" || opt == "--header") {
            if (!arg(&a))
                return false;
            const auto colon = a.find(':');
            if (colon == std::string::npos) {
                if (!a.empty() && a.back() == ';')
                    r.headers.push_back({ a.substr(0, a.size() - 1), "" });
                continue;
            }
            std::string v = a.substr(colon + 1);
            while (!v.empty() && v.front() == ' ')
                v.erase(0, 1);
            r.headers.push_back({ a.substr(0, colon), v });
        } else if (opt == "-d" || opt == "--data" || opt == "--data-raw" || opt == "--data-ascii"
            || opt == "--data-binary") {
            if (!arg(&a))
                return false;
            if (opt != "--data-raw" && !a.empty() && a[0] == '@') {
                r.bodyFile = a.substr(1);
                sawFile = true;
            } else {
                data.push_back(a);
            }
        } else if (opt == "--data-urlencode") {
            if (!arg(&a))
                return false;
            const auto eq = a.find('=');
            if (eq == std::string::npos)
                data.push_back(urlEncode(a));
            else if (eq == 0)
                data.push_back(urlEncode(a.substr(1)));
            else
                data.push_back(a.substr(0, eq) + "=" + urlEncode(a.substr(eq + 1)));
        } else if (opt == "--json") {
            if (!arg(&a))
                return false;
            data.push_back(a);
            r.headers.push_back({ "Content-Type", "application/json" });
            r.headers.push_back({ "Accept", "application/json" });
        } else if (opt == "-F" || opt == "--form") {
            if (!arg(&a))
                return false;
            const auto eq = a.find('=');
            if (eq == std::string::npos) {
                *error = "option " + opt + ": expected name=value";
                return false;
            }
            r.formFields.emplace_back(a.substr(0, eq), a.substr(eq + 1));
        } else if (opt == "-T" || opt == "--upload-file") {
            if (!arg(&r.bodyFile))
                return false;
            sawFile = true;
            if (method.empty())
                method = "PUT";
        } else if (opt == "-u" || opt == "--user") {
            if (!arg(&a))
                return false;
            const auto colon = a.find(':');
            r.basicAuth = true;
            r.basicUser = a.substr(0, colon);
            r.basicPassword = colon == std::string::npos ? "" : a.substr(colon + 1);
        } else if (opt == "-A" || opt == "--user-agent") {
            if (!arg(&a))
                return false;
            r.headers.push_back({ "User-Agent", a });
        } else if (opt == "-e" || opt == "--referer") {
            if (!arg(&a))
                return false;
            r.headers.push_back({ "Referer", a });
        } else if (opt == "-b" || opt == "--cookie") {
            if (!arg(&a))
                return false;
            r.headers.push_back({ "Cookie", a });
        } else if (opt == "--url") {
            if (!arg(&r.url))
                return false;
        } else if (opt == "-m" || opt == "--max-time" || opt == "--connect-timeout") {
            if (!arg(&a))
                return false;
            double secs = 0;
            try {
                secs = std::stod(a);
            } catch (...) {
                *error = "option " + opt + ": not a number: " + a;
                return false;
            }
            const int ms = static_cast<int>(std::lround(secs * 1000));
            (opt == "--connect-timeout" ? r.connectTimeoutMs : r.totalTimeoutMs) = ms;
        } else if (opt == "-L" || opt == "--location") {
            r.followRedirects = true;
        } else if (opt == "--compressed") {
            r.compressed = true;
        } else if (opt == "-k" || opt == "--insecure") {
            r.insecure = true;
        } else if (opt == "-G" || opt == "--get") {
            get = true;
        } else if (opt == "-I" || opt == "--head") {
            head = true;
        } else if (opt == "-o" || opt == "--output") {
            if (!arg(&a))
                return false;
        } else if (opt == "-s" || opt == "-S" || opt == "-v" || opt == "-i" || opt == "--silent"
            || opt == "--show-error" || opt == "--verbose" || opt == "--include" || opt == "--fail"
            || opt == "-f" || opt == "--http1.1" || opt == "--http2" || opt == "--globoff"
            || opt == "-g") {
        } else {
            *error = "unknown option: " + opt;
            return false;
        }
    }
    if (r.url.empty()) {
        *error = "missing URL";
        return false;
    }
    std::string joined;
    for (std::size_t k = 0; k < data.size(); ++k)
        joined += (k ? "&" : "") + data[k];
    if (get) {
        if (!data.empty())
            r.url += (r.url.find('?') == std::string::npos ? "?" : "&") + joined;
    } else if (!r.formFields.empty()) {
        r.bodyKind = Kind::Multipart;
    } else if (sawFile) {
        r.bodyKind = Kind::File;
    } else if (!data.empty()) {
        r.body = joined;
        r.bodyKind = Kind::Raw;
        for (const auto& h : r.headers)
            if (h.name.size() == 12 && (h.name == "Content-Type" || h.name == "content-type")
                && h.value.rfind("application/x-www-form-urlencoded", 0) == 0)
                r.bodyKind = Kind::Form;
    }
    if (!method.empty())
        r.method = method;
    else if (head)
        r.method = "HEAD";
    else if (get)
        r.method = "GET";
    else if (r.bodyKind != Kind::None)
        r.method = "POST";
    *out = std::move(r);
    return true;
}

std::string toCurl(const ComposerRequest& r)
{
    std::string s = "curl -X " + quote(r.method) + " " + quote(r.url);
    for (const auto& h : r.headers)
        s += " -H " + quote(h.value.empty() ? h.name + ";" : h.name + ": " + h.value);
    switch (r.bodyKind) {
    case Kind::None:
        break;
    case Kind::Raw:
    case Kind::Form:
        s += " --data-raw " + quote(r.body);
        break;
    case Kind::Multipart:
        for (const auto& [n, v] : r.formFields)
            s += " -F " + quote(n + "=" + v);
        break;
    case Kind::File:
        s += " --data-binary " + quote("@" + r.bodyFile);
        break;
    }
    if (r.basicAuth)
        s += " -u " + quote(r.basicUser + ":" + r.basicPassword);
    if (r.followRedirects)
        s += " -L";
    if (r.compressed)
        s += " --compressed";
    if (r.insecure)
        s += " -k";
    if (r.connectTimeoutMs)
        s += " --connect-timeout " + seconds(r.connectTimeoutMs);
    if (r.totalTimeoutMs)
        s += " -m " + seconds(r.totalTimeoutMs);
    return s;
}

std::string toHttpx(const ComposerRequest& r)
{
    const int totalMs = r.totalTimeoutMs ? r.totalTimeoutMs : 10000;
    std::string s = "import httpx\n\n";
    std::string total = seconds(totalMs);
    if (total.find('.') == std::string::npos)
        total += ".0";
    s += "timeout = httpx.Timeout(" + total;
    if (r.connectTimeoutMs)
        s += ", connect=" + seconds(r.connectTimeoutMs);
    s += ")\nheaders = {\n";
    bool jsonType = false;
    for (const auto& h : r.headers) {
        s += "    " + pyStr(h.name) + ": " + pyStr(h.value) + ",\n";
        if ((h.name == "Content-Type" || h.name == "content-type")
            && h.value.find("json") != std::string::npos)
            jsonType = true;
    }
    s += "}\n";
    std::string args = pyStr(r.method) + ", " + pyStr(r.url) + ", headers=headers";
    if (r.bodyKind == Kind::Raw && jsonType) {
        boost::system::error_code ec;
        boost::json::parse(r.body, ec);
        if (!ec) {
            s += "import json\npayload = json.loads(" + pyStr(r.body) + ")\n";
            args += ", json=payload";
        } else {
            args += ", content=" + pyStr(r.body);
        }
    } else if (r.bodyKind == Kind::Raw || r.bodyKind == Kind::Form) {
        args += ", content=" + pyStr(r.body);
    } else if (r.bodyKind == Kind::File) {
        args += ", content=open(" + pyStr(r.bodyFile) + ", \"rb\").read()";
    } else if (r.bodyKind == Kind::Multipart) {
        std::string data = "{", files = "{";
        for (const auto& [n, v] : r.formFields) {
            if (!v.empty() && v[0] == '@')
                files += pyStr(n) + ": open(" + pyStr(v.substr(1)) + ", \"rb\"), ";
            else
                data += pyStr(n) + ": " + pyStr(v) + ", ";
        }
        args += ", data=" + data + "}, files=" + files + "}";
    }
    if (r.basicAuth)
        args += ", auth=(" + pyStr(r.basicUser) + ", " + pyStr(r.basicPassword) + ")";
    s += "with httpx.Client(timeout=timeout, follow_redirects="
        + std::string(r.followRedirects ? "True" : "False") + (r.insecure ? ", verify=False" : "")
        + ") as client:\n";
    s += "    response = client.request(" + args + ")\n    print(response.status_code)\n";
    return s;
}

} // namespace tollgate::server
