#include "server/checks/runreport.h"

#include "server/common/text.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <cstdio>
#include <map>

namespace tollgate::server {

namespace json = boost::json;

namespace {

/// Text any XML or JSON reader takes: invalid UTF-8 and control characters
/// (but tab and line breaks) become '?'.
std::string printable(std::string_view text)
{
    const bool utf8 = isValidUtf8(text);
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        out += (u < 0x20 && c != '\t' && c != '\n' && c != '\r') || (u >= 0x80 && !utf8)
                || u == 0x7f
            ? '?'
            : c;
    }
    return out;
}

std::string xmlEscaped(std::string_view text, bool attribute)
{
    std::string out;
    for (char c : printable(text)) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += attribute ? "&quot;" : "\"";
            break;
        case '\n':
            out += attribute ? "&#10;" : "\n";
            break;
        case '\r':
            out += attribute ? "&#13;" : "\r";
            break;
        case '\t':
            out += attribute ? "&#9;" : "\t";
            break;
        default:
            out += c;
        }
    }
    return out;
}

std::string attr(std::string_view name, std::string_view value)
{
    return " " + std::string(name) + "=\"" + xmlEscaped(value, true) + "\"";
}

std::string seconds(double ms)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.3f", ms / 1000.0);
    return text;
}

std::string millis(double ms)
{
    char text[32];
    std::snprintf(text, sizeof text, ms < 10 ? "%.1f ms" : "%.0f ms", ms);
    return text;
}

/// The failures of a request, one per line.
std::vector<std::string> failureLines(const RequestRun& r)
{
    std::vector<std::string> lines;
    if (!r.sent) {
        lines.push_back(r.error);
        return lines;
    }
    for (const AssertionOutcome& a : r.checks.assertions)
        if (!a.passed)
            lines.push_back(a.description + ": " + a.message);
    for (const CaptureOutcome& c : r.checks.captures)
        if (!c.captured)
            lines.push_back("capture " + c.variable + ": " + c.message);
    return lines;
}

std::string caseName(const RequestRun& r, int iterations)
{
    return iterations > 1 ? r.name + " (iteration " + std::to_string(r.iteration + 1) + ")"
                          : r.name;
}

std::string className(const std::string& folder)
{
    std::string name = "tollgate.requests";
    if (!folder.empty()) {
        name += '.';
        for (char c : folder)
            name += c == '/' ? '.' : c;
    }
    return name;
}

} // namespace

std::string runToJunit(const RunResult& run, const RunReportInfo& info)
{
    // Folders in the order their first request ran.
    std::vector<std::string> folders;
    std::map<std::string, std::vector<const RequestRun*>> byFolder;
    for (const RequestRun& r : run.requests) {
        auto& list = byFolder[r.folder];
        if (list.empty())
            folders.push_back(r.folder);
        list.push_back(&r);
    }
    // Apache Ant's schema wants the timestamp without a zone (it is UTC).
    std::string timestamp = run.startedAt;
    if (!timestamp.empty() && timestamp.back() == 'Z')
        timestamp.pop_back();

    std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n";
    int id = 0;
    for (const std::string& folder : folders) {
        const auto& list = byFolder[folder];
        int failures = 0, errors = 0;
        double ms = 0;
        for (const RequestRun* r : list) {
            ms += r->answer.totalMs;
            if (!r->sent)
                ++errors;
            else if (!r->passed())
                ++failures;
        }
        xml += "  <testsuite" + attr("name", folder.empty() ? "requests" : folder)
            + attr("package", className(folder)) + attr("id", std::to_string(id++))
            + attr("hostname", info.hostname.empty() ? "localhost" : info.hostname)
            + attr("timestamp", timestamp) + attr("tests", std::to_string(list.size()))
            + attr("failures", std::to_string(failures)) + attr("errors", std::to_string(errors))
            + attr("time", seconds(ms)) + ">\n";
        xml += "    <properties>\n";
        xml += "      <property" + attr("name", "environment") + attr("value", info.environment)
            + "/>\n";
        xml += "      <property" + attr("name", "iterations")
            + attr("value", std::to_string(run.iterations)) + "/>\n";
        xml += "    </properties>\n";
        for (const RequestRun* r : list) {
            xml += "    <testcase" + attr("classname", className(folder))
                + attr("name", caseName(*r, run.iterations))
                + attr("time", seconds(r->answer.totalMs));
            const std::vector<std::string> lines = failureLines(*r);
            if (r->passed()) {
                xml += "/>\n";
                continue;
            }
            std::string details = r->method + " " + r->url + "\n";
            if (r->sent)
                details += "status " + std::to_string(r->answer.status) + " in "
                    + millis(r->answer.totalMs) + "\n";
            for (const std::string& line : lines)
                details += line + "\n";
            const char* element = r->sent ? "failure" : "error";
            xml += ">\n      <" + std::string(element) + attr("message", lines.front())
                + attr("type", r->sent ? "assertion" : "request") + ">" + xmlEscaped(details, false)
                + "</" + element + ">\n    </testcase>\n";
        }
        xml += "    <system-out>" + xmlEscaped(info.scope, false) + "</system-out>\n";
        xml += "    <system-err></system-err>\n";
        xml += "  </testsuite>\n";
    }
    xml += "</testsuites>\n";
    return xml;
}

std::string runToJson(const RunResult& run, const RunReportInfo& info)
{
    json::array requests;
    for (const RequestRun& r : run.requests) {
        json::object o;
        o["iteration"] = r.iteration;
        o["name"] = printable(r.name);
        o["folder"] = printable(r.folder);
        o["method"] = printable(r.method);
        o["url"] = printable(r.url);
        o["passed"] = r.passed();
        if (r.sent) {
            o["status"] = r.answer.status;
            o["timeMs"] = r.answer.totalMs;
        } else {
            o["error"] = printable(r.error);
        }
        json::array assertions;
        for (const AssertionOutcome& a : r.checks.assertions) {
            json::object ao;
            ao["assertion"] = printable(a.description);
            ao["passed"] = a.passed;
            ao["expected"] = printable(a.expected);
            ao["actual"] = printable(a.actual);
            if (!a.passed)
                ao["message"] = printable(a.message);
            assertions.push_back(std::move(ao));
        }
        o["assertions"] = std::move(assertions);
        json::array captures;
        for (const CaptureOutcome& c : r.checks.captures) {
            json::object co;
            co["variable"] = printable(c.variable);
            co["captured"] = c.captured;
            if (!c.captured)
                co["message"] = printable(c.message);
            captures.push_back(std::move(co));
        }
        o["captures"] = std::move(captures);
        requests.push_back(std::move(o));
    }
    json::object totals;
    totals["requests"] = run.requests.size();
    totals["failedRequests"] = run.failedRequests();
    totals["assertions"] = run.assertionCount();
    totals["failedAssertions"] = run.failedAssertions();
    json::object root;
    root["startedAt"] = run.startedAt;
    root["environment"] = printable(info.environment);
    root["scope"] = printable(info.scope);
    root["iterations"] = run.iterations;
    root["passed"] = run.passed();
    root["stoppedEarly"] = run.stoppedEarly;
    root["durationMs"] = run.totalMs;
    root["totals"] = std::move(totals);
    root["requests"] = std::move(requests);
    return json::serialize(root) + "\n";
}

std::string runSummary(const RunResult& run)
{
    std::string text;
    for (const RequestRun& r : run.requests) {
        text += r.passed() ? "ok    " : "FAIL  ";
        text += caseName(r, run.iterations) + "  " + r.method + " " + r.url;
        if (r.sent)
            text += "  " + std::to_string(r.answer.status) + "  " + millis(r.answer.totalMs);
        text += "\n";
        for (const std::string& line : failureLines(r))
            text += "      " + line + "\n";
    }
    const int failed = run.failedRequests();
    text += "\n" + std::to_string(run.requests.size()) + " request(s), " + std::to_string(failed)
        + " failed; " + std::to_string(run.assertionCount()) + " assertion(s), "
        + std::to_string(run.failedAssertions()) + " failed; " + millis(run.totalMs)
        + (run.stoppedEarly ? " (stopped early)" : "") + "\n";
    return printable(text);
}

} // namespace tollgate::server
