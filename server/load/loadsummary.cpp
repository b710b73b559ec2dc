#include "server/load/loadreport.h"

#include "server/load/thresholds.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <string_view>
#include <system_error>

namespace tollgate::server {

namespace {

// Text

std::string fixed(double v, int decimals)
{
    char buf[400];
    const auto [end, ec]
        = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, decimals);
    return ec == std::errc() ? std::string(buf, end) : std::string("?");
}

/// Shortest form that reads back as the same number, integers without a
/// fraction: for settings, which people typed.
std::string plain(double v)
{
    if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e15)
        return std::to_string(static_cast<long long>(v));
    char buf[64];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return ec == std::errc() ? std::string(buf, end) : std::string("?");
}

/// Three significant digits for v >= 1 (after rounding): "1.20", "12.3", "123".
std::string threeDigits(double v)
{
    if (v < 9.995)
        return fixed(v, 2);
    if (v < 99.95)
        return fixed(v, 1);
    return fixed(v, 0);
}

std::string formatSeconds(double seconds)
{
    if (seconds == std::floor(seconds) && seconds < 1e15)
        return std::to_string(static_cast<long long>(seconds)) + " s";
    return fixed(seconds, seconds < 10 ? 2 : 1) + " s";
}

std::string formatRate(double perSecond)
{
    return fixed(perSecond, 1) + " req/s";
}

std::string formatBytes(std::uint64_t bytes)
{
    if (bytes < 1000)
        return std::to_string(bytes) + " B";
    const char* units[] = { "kB", "MB", "GB", "TB" };
    double v = double(bytes) / 1000;
    std::size_t unit = 0;
    while (v >= 999.5 && unit + 1 < std::size(units)) {
        v /= 1000;
        ++unit;
    }
    return threeDigits(v) + ' ' + units[unit];
}

/// Display columns of UTF-8 text ("µ" and "—" are one column, two or three bytes).
std::size_t displayWidth(std::string_view s)
{
    return static_cast<std::size_t>(std::count_if(
        s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

/// Columns padded to their widest cell, joined by two spaces; align holds
/// 'l' or 'r' per column (missing ones are right-aligned, numbers mostly).
std::string renderTable(const std::vector<std::vector<std::string>>& rows, std::string_view align,
    std::string_view indent = "  ")
{
    std::vector<std::size_t> widths;
    for (const auto& row : rows) {
        widths.resize(std::max(widths.size(), row.size()));
        for (std::size_t c = 0; c < row.size(); ++c)
            widths[c] = std::max(widths[c], displayWidth(row[c]));
    }
    std::string out;
    for (const auto& row : rows) {
        std::string line(indent);
        for (std::size_t c = 0; c < row.size(); ++c) {
            if (c > 0)
                line += "  ";
            const std::string padding(widths[c] - displayWidth(row[c]), ' ');
            const bool left = c < align.size() && align[c] == 'l';
            line += left ? row[c] + padding : padding + row[c];
        }
        while (!line.empty() && line.back() == ' ')
            line.pop_back();
        out += line;
        out += '\n';
    }
    return out;
}

/// Stream runs: streams, events and tokens with their rates, and the time to
/// the first event.
static std::string streamText(const LoadReport& r)
{
    const LoadCounts& c = r.total;
    const double seconds = r.measuredSeconds > 0 ? r.measuredSeconds : 1;
    std::string out = "streams: " + std::to_string(c.streams) + " with events\n";
    out += "events: " + std::to_string(c.events) + " (" + fixed(double(c.events) / seconds, 1)
        + "/s)\n";
    out += "tokens: " + std::to_string(c.tokens) + " (" + fixed(double(c.tokens) / seconds, 1)
        + "/s)\n";
    const LatencyHistogram& h = c.firstEvent;
    if (h.count() == 0)
        return out + "time to first event: no events\n";
    return out + "time to first event: p50 " + formatLatencyMicros(double(h.percentile(50))) + ", p90 "
        + formatLatencyMicros(double(h.percentile(90))) + ", p99 " + formatLatencyMicros(double(h.percentile(99)))
        + ", max " + formatLatencyMicros(double(h.max())) + '\n';
}

/// p50, p90, p99 and max of a histogram of microseconds.
std::string percentilesText(const LatencyHistogram& h)
{
    return "p50 " + formatLatencyMicros(double(h.percentile(50))) + ", p90 "
        + formatLatencyMicros(double(h.percentile(90))) + ", p99 " + formatLatencyMicros(double(h.percentile(99)))
        + ", max " + formatLatencyMicros(double(h.max()));
}

/// WebSocket runs: the sessions, messages both ways with their rates, the
/// time to the first message and the round trip of the echoed ones.
std::string webSocketText(const LoadReport& r)
{
    const LoadCounts& c = r.total;
    const LoadSettings& s = r.settings;
    const double seconds = r.measuredSeconds > 0 ? r.measuredSeconds : 1;
    std::string out = "sessions: " + std::to_string(c.streams) + " opened, "
        + std::to_string(c.held) + " held to the end (closed with 1000) of "
        + std::to_string(s.connections) + (s.connections == 1 ? " connection\n" : " connections\n");
    if (!c.closes.empty()) {
        std::string codes;
        for (const auto& [code, n] : c.closes)
            codes += (codes.empty() ? "" : ", ") + std::to_string(code) + " × " + std::to_string(n);
        out += "closed by the server: " + codes + '\n';
    }
    out += "messages in: " + std::to_string(c.events) + " (" + fixed(double(c.events) / seconds, 1)
        + "/s)\n";
    out += "messages out: " + std::to_string(c.sent) + " (" + fixed(double(c.sent) / seconds, 1)
        + "/s)";
    if (s.wsMessage.empty())
        out += ", no message set";
    else if (s.wsIntervalMs > 0)
        out += ", one every " + plain(s.wsIntervalMs) + " ms per session";
    else
        out += ", one per session when it opened";
    out += '\n';
    out += "time to first message: "
        + (c.firstEvent.count() > 0 ? percentilesText(c.firstEvent) : std::string("no messages"))
        + '\n';
    if (c.roundTrip.count() > 0)
        out += "round trip (" + std::to_string(c.roundTrip.count())
            + " echoed messages): " + percentilesText(c.roundTrip) + '\n';
    return out;
}

std::string latencyLine(const LatencyHistogram& h)
{
    if (h.count() == 0)
        return "latency: no answers\n";
    return "latency: p50 " + formatLatencyMicros(double(h.percentile(50))) + ", p90 "
        + formatLatencyMicros(double(h.percentile(90))) + ", p99 " + formatLatencyMicros(double(h.percentile(99)))
        + ", p99.9 " + formatLatencyMicros(double(h.percentile(99.9))) + ", max "
        + formatLatencyMicros(double(h.max())) + " (mean " + formatLatencyMicros(h.mean()) + ")\n";
}

/// About ten rows with log-spaced upper bounds between min and max: latency
/// spreads over orders of magnitude and its tail is the interesting part,
/// which equal-width rows would squeeze into the last one or two. Rows whose
/// bounds print the same are merged so no two rows look alike.
std::string histogramText(const LatencyHistogram& h)
{
    if (h.count() == 0)
        return {};
    constexpr std::size_t kRows = 10;
    constexpr std::size_t kBarWidth = 40;
    const double low = double(std::max<std::uint64_t>(h.min(), 1));
    const double high = std::max(double(h.max()), low);
    std::vector<double> upper(kRows);
    for (std::size_t i = 0; i < kRows; ++i)
        upper[i] = low * std::pow(high / low, double(i + 1) / kRows);
    upper.back() = high;

    std::vector<std::uint64_t> counts(kRows);
    h.forEachBucket([&](std::uint64_t lower, std::uint64_t bucketUpper, std::uint64_t count) {
        // A bucket may straddle a row bound; its middle decides (the rows
        // are coarse anyway), kept inside [min, max] like percentiles are.
        double value
            = bucketUpper - lower <= 1 ? double(lower) : (double(lower) + double(bucketUpper)) / 2;
        value = std::clamp(value, double(h.min()), double(h.max()));
        std::size_t row = 0;
        while (row + 1 < kRows && value > upper[row])
            ++row;
        counts[row] += count;
    });

    std::vector<std::pair<std::string, std::uint64_t>> rows;
    for (std::size_t i = 0; i < kRows; ++i) {
        std::string label = "≤ " + formatLatencyMicros(upper[i]);
        if (!rows.empty() && rows.back().first == label)
            rows.back().second += counts[i];
        else
            rows.emplace_back(std::move(label), counts[i]);
    }
    std::uint64_t most = 0;
    for (const auto& row : rows)
        most = std::max(most, row.second);
    std::vector<std::vector<std::string>> table;
    for (const auto& [label, count] : rows) {
        std::size_t bar
            = static_cast<std::size_t>(std::llround(double(count) * kBarWidth / double(most)));
        if (count > 0)
            bar = std::max<std::size_t>(bar, 1);
        table.push_back({ label, std::to_string(count), std::string(bar, '#') });
    }
    return renderTable(table, "lrl");
}

std::string statusCodesText(const LoadCounts& counts)
{
    if (counts.statuses.empty())
        return "status codes: none\n";
    std::vector<std::vector<std::string>> table;
    for (const auto& [status, n] : counts.statuses)
        table.push_back({ std::to_string(status), std::to_string(n) });
    return "status codes:\n" + renderTable(table, "lr");
}

std::string errorsText(const LoadCounts& counts)
{
    const std::uint64_t total = counts.errorTotal();
    if (total == 0)
        return "errors: none\n";
    std::string kinds;
    for (std::size_t i = 0; i < kLoadErrorKinds; ++i) {
        if (counts.errors[i] == 0)
            continue;
        if (!kinds.empty())
            kinds += ", ";
        kinds += loadErrorName(static_cast<LoadErrorKind>(i));
        kinds += ' ';
        kinds += std::to_string(counts.errors[i]);
    }
    return "errors: " + std::to_string(total) + " (" + kinds + ")\n";
}

std::string slicesText(const char* heading, const char* nameColumn,
    const std::vector<LoadSlice>& slices, double seconds, bool webSocket)
{
    if (slices.empty())
        return {};
    std::vector<std::vector<std::string>> table;
    if (webSocket) {
        // Sessions and their messages; the handshakes' refusals by class.
        table.push_back({ nameColumn, "sessions", "held", "msgs in", "msg/s", "first p50", "errors",
            "4xx", "5xx" });
        for (const LoadSlice& slice : slices) {
            const LoadCounts& c = slice.counts;
            table.push_back({ slice.name, std::to_string(c.streams), std::to_string(c.held),
                std::to_string(c.events), fixed(seconds > 0 ? double(c.events) / seconds : 0, 1),
                c.firstEvent.count() > 0 ? formatLatencyMicros(double(c.firstEvent.percentile(50))) : "—",
                std::to_string(c.errorTotal()), std::to_string(c.statusClass(4)),
                std::to_string(c.statusClass(5)) });
        }
        return std::string(heading) + ":\n" + renderTable(table, "l");
    }
    table.push_back({ nameColumn, "requests", "req/s", "p50", "p99", "errors", "4xx", "5xx" });
    for (const LoadSlice& slice : slices) {
        const LoadCounts& c = slice.counts;
        const bool answered = c.latency.count() > 0;
        table.push_back({ slice.name, std::to_string(c.requests),
            fixed(seconds > 0 ? double(c.requests) / seconds : 0, 1),
            answered ? formatLatencyMicros(double(c.latency.percentile(50))) : "—",
            answered ? formatLatencyMicros(double(c.latency.percentile(99))) : "—",
            std::to_string(c.errorTotal()), std::to_string(c.statusClass(4)),
            std::to_string(c.statusClass(5)) });
    }
    return std::string(heading) + ":\n" + renderTable(table, "l");
}

std::string modelText(const LoadSettings& s)
{
    std::string out = loadModelName(s.model);
    if (s.model == LoadModel::Open)
        out += ", " + plain(s.rate) + " req/s";
    out += ", " + std::to_string(s.connections)
        + (s.connections == 1 ? " connection" : " connections");
    out += ", " + std::to_string(s.threads) + (s.threads == 1 ? " thread" : " threads");
    return out;
}

std::string change(double a, double b)
{
    if (a == 0)
        return "—";
    std::string text = fixed((b - a) / a * 100, 1);
    if (text == "-0.0")
        text = "0.0";
    else if (text.front() != '-' && text != "0.0")
        text.insert(0, "+");
    return text + '%';
}

bool sameKeys(const std::vector<LoadKey>& a, const std::vector<LoadKey>& b)
{
    // Secrets are blank in saved reports, so only what is saved compares.
    return std::equal(
        a.begin(), a.end(), b.begin(), b.end(), [](const LoadKey& x, const LoadKey& y) {
            return x.id == y.id && x.tier == y.tier && x.weight == y.weight;
        });
}

std::string plural(std::size_t n, const char* one, const char* many)
{
    return std::to_string(n) + ' ' + (n == 1 ? one : many);
}

} // namespace

/// "850 µs", "12.3 ms", "1.20 s": the unit switches where three significant
/// digits would need a fourth.
std::string formatLatencyMicros(double micros)
{
    if (micros < 999.5)
        return fixed(micros, 0) + " µs";
    if (micros < 999'500)
        return threeDigits(micros / 1e3) + " ms";
    return threeDigits(micros / 1e6) + " s";
}

std::string loadSummaryText(const LoadReport& r)
{
    const LoadSettings& s = r.settings;
    std::string out;
    out += "target: " + s.url;
    if (!r.target.empty())
        out += " (" + r.target + ')';
    out += '\n';
    if (!r.id.empty() || !r.startedAt.empty()) {
        out += "run: " + (r.id.empty() ? std::string("(not saved)") : r.id);
        if (!r.startedAt.empty())
            out += ", started " + r.startedAt;
        out += '\n';
    }
    if (!r.problem.empty())
        out += "problem: " + r.problem + '\n';
    if (r.stopped)
        out += "stopped early\n";
    out += "model: " + modelText(s) + '\n';

    out += "duration: " + formatSeconds(r.measuredSeconds) + " measured";
    if (s.requestCount > 0)
        out += " (planned: " + std::to_string(s.requestCount) + " requests)";
    else
        out += " (planned: " + formatSeconds(s.durationSeconds) + ')';
    out += '\n';
    if (s.warmupSeconds > 0 || r.warmupRequests > 0)
        out += "warm-up: " + formatSeconds(s.warmupSeconds) + ", "
            + plural(r.warmupRequests, "answer", "answers") + " not counted\n";
    if (s.rampUpSeconds > 0)
        out += "ramp-up: " + formatSeconds(s.rampUpSeconds) + '\n';

    if (s.webSocket()) {
        // Each session is one handshake: its answers (101 or a refusal) and
        // their time from the connection's start.
        out += "handshakes: " + std::to_string(r.total.requests) + " answered\n";
        out += "handshake " + latencyLine(r.total.latency);
        if (r.total.bytesIn > 0 || r.total.bytesOut > 0)
            out += "transfer (message payloads): " + formatBytes(r.total.bytesIn) + " in, "
                + formatBytes(r.total.bytesOut) + " out\n";
        out += webSocketText(r);
    } else {
        out += "requests: " + std::to_string(r.total.requests) + '\n';
        out += "throughput: " + formatRate(r.throughput()) + '\n';
        if (r.total.bytesIn > 0 || r.total.bytesOut > 0)
            out += "transfer: " + formatBytes(r.total.bytesIn) + " in, "
                + formatBytes(r.total.bytesOut) + " out\n";
        out += latencyLine(r.total.latency);
        if (r.total.latency.count() > 0)
            out += "latency histogram:\n" + histogramText(r.total.latency);
        if (s.stream)
            out += streamText(r);
    }
    out += statusCodesText(r.total);
    out += errorsText(r.total);
    if (r.missed > 0)
        out += "missed: " + std::to_string(r.missed)
            + " requests were due but not sent (every connection was busy)\n";
    out += slicesText("by tier", "tier", r.tiers, r.measuredSeconds, s.webSocket());
    out += slicesText("by route", "route", r.routes, r.measuredSeconds, s.webSocket());
    out += thresholdSummaryText(r);
    return out;
}

std::string loadComparisonText(const LoadReport& a, const LoadReport& b)
{
    auto name = [](const LoadReport& r, const char* fallback) {
        std::string text = r.id.empty() ? std::string(fallback) : r.id;
        if (!r.startedAt.empty())
            text += " (" + r.startedAt + ')';
        return text;
    };
    std::string out = "a: " + name(a, "first run") + '\n' + "b: " + name(b, "second run") + '\n';
    for (const auto& [label, r] : { std::pair { "a", &a }, std::pair { "b", &b } }) {
        if (!r->problem.empty())
            out += std::string(label) + ": problem: " + r->problem + '\n';
        if (r->stopped)
            out += std::string(label) + ": stopped early\n";
    }

    std::string differences;
    auto differ = [&](const char* label, const std::string& x, const std::string& y) {
        if (x != y)
            differences += std::string("  ") + label + ": " + x + " → " + y + '\n';
    };
    const LoadSettings& sa = a.settings;
    const LoadSettings& sb = b.settings;
    differ("url", sa.url, sb.url);
    differ("target", a.target, b.target);
    differ("model", loadModelName(sa.model), loadModelName(sb.model));
    differ("connections", std::to_string(sa.connections), std::to_string(sb.connections));
    differ("rate", plain(sa.rate) + " req/s", plain(sb.rate) + " req/s");
    differ("threads", std::to_string(sa.threads), std::to_string(sb.threads));
    differ("duration", plain(sa.durationSeconds) + " s", plain(sb.durationSeconds) + " s");
    differ("request count", std::to_string(sa.requestCount), std::to_string(sb.requestCount));
    differ("warm-up", plain(sa.warmupSeconds) + " s", plain(sb.warmupSeconds) + " s");
    differ("ramp-up", plain(sa.rampUpSeconds) + " s", plain(sb.rampUpSeconds) + " s");
    differ("timeout", plain(sa.timeoutSeconds) + " s", plain(sb.timeoutSeconds) + " s");
    const std::string mixA = plural(sa.mix.size(), "route", "routes");
    const std::string mixB = plural(sb.mix.size(), "route", "routes");
    if (mixA != mixB)
        differ("mix", mixA, mixB);
    else if (sa.mix != sb.mix)
        differences += "  mix: " + mixA + ", not the same routes or weights\n";
    const std::string keysA = plural(sa.keys.size(), "key", "keys");
    const std::string keysB = plural(sb.keys.size(), "key", "keys");
    if (keysA != keysB)
        differ("keys", keysA, keysB);
    else if (!sameKeys(sa.keys, sb.keys))
        differences += "  keys: " + keysA + ", not the same keys, tiers or weights\n";
    differ("key header", sa.keyHeader, sb.keyHeader);
    differ("seed", std::to_string(sa.seed), std::to_string(sb.seed));
    differ("TLS verification", sa.verifyTls ? "on" : "off", sb.verifyTls ? "on" : "off");
    differ("trusted CA", sa.caPem.empty() ? "the system's" : "given",
        sb.caPem.empty() ? "the system's" : "given");
    differ("message", sa.wsMessage, sb.wsMessage);
    differ("message interval", plain(sa.wsIntervalMs) + " ms", plain(sb.wsIntervalMs) + " ms");
    out += differences.empty() ? "settings: the same\n" : "settings that differ:\n" + differences;

    std::vector<std::vector<std::string>> table;
    table.push_back({ "measure", "a", "b", "change" });
    auto count = [&](const char* label, std::uint64_t x, std::uint64_t y) {
        table.push_back(
            { label, std::to_string(x), std::to_string(y), change(double(x), double(y)) });
    };
    auto micros = [&](const char* label, std::uint64_t x, std::uint64_t y) {
        table.push_back({ label, formatLatencyMicros(double(x)), formatLatencyMicros(double(y)),
            change(double(x), double(y)) });
    };
    const LatencyHistogram& la = a.total.latency;
    const LatencyHistogram& lb = b.total.latency;
    count("requests", a.total.requests, b.total.requests);
    table.push_back({ "throughput", formatRate(a.throughput()), formatRate(b.throughput()),
        change(a.throughput(), b.throughput()) });
    micros("p50", la.percentile(50), lb.percentile(50));
    micros("p90", la.percentile(90), lb.percentile(90));
    micros("p99", la.percentile(99), lb.percentile(99));
    micros("p99.9", la.percentile(99.9), lb.percentile(99.9));
    micros("max", la.max(), lb.max());
    count("errors", a.total.errorTotal(), b.total.errorTotal());
    count("2xx", a.total.statusClass(2), b.total.statusClass(2));
    count("4xx", a.total.statusClass(4), b.total.statusClass(4));
    count("5xx", a.total.statusClass(5), b.total.statusClass(5));
    if (a.missed > 0 || b.missed > 0)
        count("missed", a.missed, b.missed);
    if (a.total.events > 0 || b.total.events > 0)
        count("events", a.total.events, b.total.events);
    if (a.total.sent > 0 || b.total.sent > 0)
        count("messages sent", a.total.sent, b.total.sent);
    out += '\n';
    out += renderTable(table, "l", "");
    return out;
}

} // namespace tollgate::server
