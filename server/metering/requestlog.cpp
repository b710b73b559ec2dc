#include "server/metering/requestlog.h"

#include <cerrno>
#include <charconv>
#include <cstring>
#include <ctime>

namespace tollgate::server {

namespace {

void appendEscaped(std::string* out, std::string_view s)
{
    static constexpr char kHex[] = "0123456789abcdef";
    out->push_back('"');
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '"' || c == '\\') {
            out->push_back('\\');
            out->push_back(ch);
        } else if (c < 0x20 || c >= 0x7f) {
            // Controls, and bytes above ASCII: targets are bytes, not
            // necessarily UTF-8, and every line must be valid JSON whatever
            // the client sent.
            out->append("\\u00");
            out->push_back(kHex[c >> 4]);
            out->push_back(kHex[c & 15]);
        } else {
            out->push_back(ch);
        }
    }
    out->push_back('"');
}

void appendInt(std::string* out, std::int64_t v)
{
    char buffer[24];
    const auto r = std::to_chars(buffer, buffer + sizeof buffer, v);
    out->append(buffer, r.ptr);
}

void appendTime(std::string* out, std::int64_t us)
{
    // Cached per thread: the date part changes once a second.
    thread_local std::int64_t cachedSecond = -1;
    thread_local char prefix[32];
    const std::int64_t sec = us / 1'000'000;
    if (sec != cachedSecond) {
        const auto t = static_cast<std::time_t>(sec);
        std::tm tm {};
        gmtime_r(&t, &tm);
        std::strftime(prefix, sizeof prefix, "%Y-%m-%dT%H:%M:%S", &tm);
        cachedSecond = sec;
    }
    out->push_back('"');
    out->append(prefix);
    char frac[8];
    auto micros = static_cast<int>(us % 1'000'000);
    for (int i = 5; i >= 0; --i) {
        frac[i] = static_cast<char>('0' + micros % 10);
        micros /= 10;
    }
    out->push_back('.');
    out->append(frac, 6);
    out->append("Z\"");
}

} // namespace

void appendRequestLogLine(const RequestLogEntry& e, std::string* out)
{
    // Field names are written with their leading separator.
    const auto text = [out](const char* field, std::string_view v) {
        out->append(field);
        appendEscaped(out, v);
    };
    const auto optional = [out](const char* field, std::string_view v) {
        out->append(field);
        if (v.empty())
            out->append("null");
        else
            appendEscaped(out, v);
    };
    const auto number = [out](const char* field, std::int64_t v) {
        out->append(field);
        appendInt(out, v);
    };
    out->append("{\"time\":");
    appendTime(out, e.timeUs);
    text(",\"requestId\":", e.requestId);
    text(",\"method\":", e.method);
    text(",\"target\":", e.target);
    optional(",\"route\":", e.route);
    number(",\"status\":", e.status);
    number(",\"latencyUs\":", e.latencyUs);
    number(",\"bytesIn\":", static_cast<std::int64_t>(e.bytesIn));
    number(",\"bytesOut\":", static_cast<std::int64_t>(e.bytesOut));
    optional(",\"key\":", e.key);
    optional(",\"tier\":", e.tier);
    number(",\"costMicros\":", e.costMicros);
    number(",\"priceMicros\":", e.priceMicros);
    if (e.upstreamAttempts > 0 || !e.upstreamError.empty()) {
        number(",\"upstream\":{\"attempts\":", e.upstreamAttempts);
        number(",\"latencyUs\":", e.upstreamUs);
        if (e.upstreamStatus > 0)
            number(",\"status\":", e.upstreamStatus);
        else
            out->append(",\"status\":null");
        optional(",\"error\":", e.upstreamError);
        out->push_back('}');
    }
    if (e.streamed) {
        number(",\"stream\":{\"events\":", e.streamEvents);
        if (e.firstEventUs >= 0)
            number(",\"firstEventUs\":", e.firstEventUs);
        else
            out->append(",\"firstEventUs\":null");
        if (e.websocket) {
            number(",\"received\":", e.messagesReceived);
            if (e.closeCode > 0)
                number(",\"closeCode\":", e.closeCode);
            else
                out->append(",\"closeCode\":null");
        }
        out->append(e.clientLeft ? ",\"clientLeft\":true}" : ",\"clientLeft\":false}");
    }
    if (e.countsTokens) {
        number(",\"tokens\":{\"input\":", static_cast<std::int64_t>(e.tokensIn));
        number(",\"output\":", static_cast<std::int64_t>(e.tokensOut));
        out->push_back('}');
    }
    out->append("}\n");
}

void RequestLogBuffer::append(const RequestLogEntry& e)
{
    m_line.clear();
    appendRequestLogLine(e, &m_line);
    std::lock_guard lock(m_mutex);
    if (m_data.size() + m_line.size() > kCap) {
        m_dropped.fetch_add(1, std::memory_order_relaxed);
        return;
    }
    m_data.append(m_line);
}

RequestLog::~RequestLog()
{
    stop();
}

bool RequestLog::open(const std::string& target, std::string* error)
{
    if (target == "-") {
        m_file = stdout;
        m_ownsFile = false;
    } else {
        m_file = std::fopen(target.c_str(), "ae");
        if (!m_file) {
            if (error)
                *error = "cannot open the request log " + target + ": " + std::strerror(errno);
            return false;
        }
        m_ownsFile = true;
    }
    m_stop = false;
    m_thread = std::thread([this] { run(); });
    return true;
}

std::shared_ptr<RequestLogBuffer> RequestLog::addProducer()
{
    auto b = std::make_shared<RequestLogBuffer>();
    std::lock_guard lock(m_producersMutex);
    m_producers.push_back(b);
    return b;
}

void RequestLog::run()
{
    std::unique_lock lock(m_runMutex);
    while (!m_stop) {
        m_wake.wait_for(lock, std::chrono::milliseconds(50));
        lock.unlock();
        writeOut();
        lock.lock();
    }
}

void RequestLog::writeOut()
{
    std::vector<std::shared_ptr<RequestLogBuffer>> producers;
    {
        std::lock_guard lock(m_producersMutex);
        producers = m_producers;
    }
    bool wrote = false;
    for (const auto& p : producers) {
        {
            std::lock_guard lock(p->m_mutex);
            m_out.swap(p->m_data);
        }
        if (!m_out.empty()) {
            std::fwrite(m_out.data(), 1, m_out.size(), m_file);
            wrote = true;
        }
        m_out.clear();
    }
    if (wrote)
        std::fflush(m_file);
}

void RequestLog::stop()
{
    if (!m_thread.joinable())
        return;
    {
        std::lock_guard lock(m_runMutex);
        m_stop = true;
    }
    m_wake.notify_all();
    m_thread.join();
    writeOut();
    if (m_ownsFile)
        std::fclose(m_file);
    m_file = nullptr;
}

std::uint64_t RequestLog::droppedLines() const
{
    std::uint64_t n = 0;
    std::lock_guard lock(m_producersMutex);
    for (const auto& p : m_producers)
        n += p->dropped();
    return n;
}

} // namespace tollgate::server
