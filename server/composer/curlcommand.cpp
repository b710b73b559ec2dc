#include "server/composer/curlcommand.h"
#include "server/common/text.h"

#include <boost/json/parse.hpp>

#include <algorithm>
#include <cctype>
#include <climits>
#include <cmath>
#include <iterator>
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

/// application/x-www-form-urlencoded decoding: %XX and '+' for a space.
std::string formDecode(std::string_view v)
{
    std::string r;
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (v[i] == '+') {
            r += ' ';
        } else if (v[i] == '%' && i + 2 < v.size() && hexValue(v[i + 1]) >= 0
            && hexValue(v[i + 2]) >= 0) {
            r += static_cast<char>(hexValue(v[i + 1]) * 16 + hexValue(v[i + 2]));
            i += 2;
        } else {
            r += v[i];
        }
    }
    return r;
}

/// Long options parseCurlCommand knows that take no argument.
bool isLongFlag(std::string_view opt)
{
    static constexpr std::string_view flags[] = { "--location", "--compressed", "--insecure",
        "--get", "--head", "--http2", "--http2-prior-knowledge", "--http1.1", "--silent",
        "--show-error", "--verbose", "--include", "--fail", "--globoff" };
    return std::find(std::begin(flags), std::end(flags), opt) != std::end(flags);
}

/// One -d / --data-urlencode argument, in command-line order.
struct DataItem {
    std::string text; ///< already encoded as curl would send it
    std::string fileField; ///< --data-urlencode name@file: the name ...
    std::string file; ///< ... and the file, read by curl at send time
};

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

// A field value as -H takes it: the spaces after the colon are not part of
// it, so -A, -e and -b values lose theirs too (or they would not survive
// toCurlCommand, which writes every field with -H).
std::string fieldValue(std::string_view v)
{
    const auto start = v.find_first_not_of(' ');
    return start == std::string_view::npos ? std::string() : std::string(v.substr(start));
}

bool oneBodyFile(std::string* error)
{
    *error = "only one body file (-d @file, --data-binary @file or -T) per request";
    return false;
}

} // namespace

bool parseCurlCommand(std::string_view commandLine, ComposerRequest* out, std::string* error)
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
    std::vector<DataItem> data;
    bool dataFromFile = false;
    bool get = false, head = false, sawFile = false;
    for (; i < t.size(); ++i) {
        std::string opt = t[i];
        std::string val;
        bool hasVal = false;
        if (opt.size() > 2 && opt[0] == '-' && opt[1] == '-') {
            // "--header=X: y" is how some tools and docs spell long options.
            if (const auto eq = opt.find('='); eq != std::string::npos) {
                val = opt.substr(eq + 1);
                hasVal = true;
                opt.resize(eq);
            }
        } else if (opt.size() > 2 && opt[0] == '-' && opt[1] != '-') {
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
            r.headers.push_back(
                { a.substr(0, colon), fieldValue(std::string_view(a).substr(colon + 1)) });
        } else if (opt == "-d" || opt == "--data" || opt == "--data-raw" || opt == "--data-ascii"
            || opt == "--data-binary") {
            if (!arg(&a))
                return false;
            if (opt != "--data-raw" && !a.empty() && a[0] == '@') {
                if (sawFile)
                    return oneBodyFile(error);
                r.bodyFile = a.substr(1);
                sawFile = true;
            } else {
                data.push_back({ a, {}, {} });
            }
        } else if (opt == "--data-urlencode") {
            if (!arg(&a))
                return false;
            // curl's order: "name=content" wins over "name@file".
            const auto eq = a.find('=');
            const auto at = eq == std::string::npos ? a.find('@') : std::string::npos;
            if (at == 0) {
                *error = "--data-urlencode @file (the whole body from a file) is not supported; "
                         "use --data-binary @file";
                return false;
            } else if (at != std::string::npos) {
                data.push_back({ {}, a.substr(0, at), a.substr(at + 1) });
                dataFromFile = true;
            } else if (eq == std::string::npos) {
                data.push_back({ percentEncode(a), {}, {} });
            } else if (eq == 0) {
                data.push_back({ percentEncode(a.substr(1)), {}, {} });
            } else {
                data.push_back({ a.substr(0, eq) + "=" + percentEncode(a.substr(eq + 1)), {}, {} });
            }
        } else if (opt == "--json") {
            if (!arg(&a))
                return false;
            data.push_back({ a, {}, {} });
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
            if (sawFile)
                return oneBodyFile(error);
            if (!arg(&r.bodyFile))
                return false;
            sawFile = true;
            if (method.empty())
                method = "PUT";
        } else if (opt == "-u" || opt == "--user") {
            if (!arg(&a))
                return false;
            const auto colon = a.find(':');
            r.auth = ComposerRequest::AuthKind::Basic;
            r.basicUser = a.substr(0, colon);
            r.basicPassword = colon == std::string::npos ? "" : a.substr(colon + 1);
        } else if (opt == "-A" || opt == "--user-agent") {
            if (!arg(&a))
                return false;
            r.headers.push_back({ "User-Agent", fieldValue(a) });
        } else if (opt == "-e" || opt == "--referer") {
            if (!arg(&a))
                return false;
            r.headers.push_back({ "Referer", fieldValue(a) });
        } else if (opt == "-b" || opt == "--cookie") {
            if (!arg(&a))
                return false;
            r.headers.push_back({ "Cookie", fieldValue(a) });
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
            // Milliseconds in an int: anything else would wrap (or be NaN).
            constexpr double kMaxSeconds = INT_MAX / 1000;
            if (!(secs >= 0 && secs <= kMaxSeconds)) {
                *error = "option " + opt + ": seconds must be from 0 to "
                    + std::to_string(static_cast<int>(kMaxSeconds)) + ": " + a;
                return false;
            }
            const int ms = static_cast<int>(std::lround(secs * 1000));
            (opt == "--connect-timeout" ? r.connectTimeoutMs : r.totalTimeoutMs) = ms;
        } else if (hasVal && isLongFlag(opt)) {
            *error = "option " + opt + " does not take a value";
            return false;
        } else if (opt == "--http2" || opt == "--http2-prior-knowledge") {
            r.http2 = true;
        } else if (opt == "--http1.1") {
            r.http2 = false;
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
            || opt == "-f" || opt == "--globoff" || opt == "-g") {
        } else {
            *error = "unknown option: " + opt;
            return false;
        }
    }
    if (r.url.empty()) {
        *error = "missing URL";
        return false;
    }
    // A request holds one body. curl joins some of these and refuses the
    // others; either way a part would be lost here without a word.
    if (sawFile && (get || !data.empty() || !r.formFields.empty())) {
        *error = "a body file (-d @file, --data-binary @file, -T) cannot be combined with other "
                 "data, -F or -G";
        return false;
    }
    if (dataFromFile) {
        // curl reads the file at send time and sends it URL-encoded in a form
        // body. A request here cannot hold "a form field read from a file",
        // so the whole form becomes multipart with the file as an "@file"
        // field: the server gets the same fields, as multipart/form-data.
        if (get) {
            *error = "--data-urlencode name@file cannot be combined with -G";
            return false;
        }
        if (!r.formFields.empty()) {
            *error = "--data-urlencode name@file cannot be combined with -F";
            return false;
        }
        for (const DataItem& item : data) {
            if (!item.file.empty() || !item.fileField.empty()) {
                r.formFields.emplace_back(item.fileField, "@" + item.file);
                continue;
            }
            std::size_t begin = 0;
            while (begin <= item.text.size()) {
                auto end = item.text.find('&', begin);
                if (end == std::string::npos)
                    end = item.text.size();
                const std::string pair = item.text.substr(begin, end - begin);
                const auto eq = pair.find('=');
                if (!pair.empty())
                    r.formFields.emplace_back(formDecode(pair.substr(0, eq)),
                        eq == std::string::npos ? "" : formDecode(pair.substr(eq + 1)));
                begin = end + 1;
            }
        }
        // An encoded '=' decodes into a name that -F (toCurlCommand) cannot write.
        for (const auto& field : r.formFields) {
            if (field.first.find('=') != std::string::npos) {
                *error = "--data-urlencode name@file: the field name " + pyStr(field.first)
                    + " holds '=', which a form field name cannot";
                return false;
            }
        }
        data.clear();
    }
    if (!r.formFields.empty() && (get || !data.empty())) {
        *error = "-F cannot be combined with -d, --data-*, --json or -G";
        return false;
    }
    std::string joined;
    for (std::size_t k = 0; k < data.size(); ++k)
        joined += (k ? "&" : "") + data[k].text;
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

std::string toCurlCommand(const ComposerRequest& r)
{
    // A URL that starts with '-' would be read back as an option.
    std::string s
        = "curl -X " + quote(r.method) + (r.url.starts_with('-') ? " --url " : " ") + quote(r.url);
    for (const auto& h : r.headers)
        s += " -H " + quote(h.value.empty() ? h.name + ";" : h.name + ": " + h.value);
    if (r.auth == ComposerRequest::AuthKind::Bearer)
        s += " -H " + quote("Authorization: Bearer " + r.token);
    else if (r.auth == ComposerRequest::AuthKind::ApiKey)
        s += " -H " + quote(r.apiKeyHeader + ": " + r.token);
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
    if (r.auth == ComposerRequest::AuthKind::Basic)
        s += " -u " + quote(r.basicUser + ":" + r.basicPassword);
    if (r.followRedirects)
        s += " -L";
    if (r.compressed)
        s += " --compressed";
    if (r.insecure)
        s += " -k";
    if (r.http2)
        s += " --http2";
    if (r.connectTimeoutMs)
        s += " --connect-timeout " + seconds(r.connectTimeoutMs);
    if (r.totalTimeoutMs)
        s += " -m " + seconds(r.totalTimeoutMs);
    return s;
}

std::string toHttpx(const ComposerRequest& r)
{
    // A snippet without a timeout is how scripts hang forever in production,
    // so one is always written: the request's own, else 10 s.
    auto pySeconds = [](int ms) {
        std::string text = seconds(ms);
        return text.find('.') == std::string::npos ? text + ".0" : text;
    };
    const int totalMs = r.totalTimeoutMs ? r.totalTimeoutMs : 10000;
    const int connectMs = r.connectTimeoutMs ? r.connectTimeoutMs : totalMs;
    std::string s = "import httpx\n\n";
    s += "# curl's -m limits the whole exchange; httpx limits each step (connect, read,\n"
         "# write, pool), so the total is the read/write/pool limit here.\n";
    s += "timeout = httpx.Timeout(" + pySeconds(totalMs) + ", connect=" + pySeconds(connectMs)
        + ")\nheaders = {\n";
    bool jsonType = false;
    for (const auto& h : r.headers) {
        s += "    " + pyStr(h.name) + ": " + pyStr(h.value) + ",\n";
        if ((h.name == "Content-Type" || h.name == "content-type")
            && h.value.find("json") != std::string::npos)
            jsonType = true;
    }
    if (r.auth == ComposerRequest::AuthKind::Bearer)
        s += "    \"Authorization\": " + pyStr("Bearer " + r.token) + ",\n";
    else if (r.auth == ComposerRequest::AuthKind::ApiKey)
        s += "    " + pyStr(r.apiKeyHeader) + ": " + pyStr(r.token) + ",\n";
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
    if (r.auth == ComposerRequest::AuthKind::Basic)
        args += ", auth=(" + pyStr(r.basicUser) + ", " + pyStr(r.basicPassword) + ")";
    if (r.http2)
        s += "# http2=True needs the h2 package: pip install 'httpx[http2]'\n";
    s += std::string("with httpx.Client(") + (r.http2 ? "http2=True, " : "")
        + "timeout=timeout, follow_redirects=" + std::string(r.followRedirects ? "True" : "False")
        + (r.insecure ? ", verify=False" : "") + ") as client:\n";
    s += "    response = client.request(" + args + ")\n    print(response.status_code)\n";
    return s;
}

} // namespace tollgate::server
