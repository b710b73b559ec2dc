#pragma once

// The structured request log (issue 5): one JSON object per line per request,
// for log shippers. Workers format their lines into their own buffer (no
// I/O, no shared lock on the request path); one thread writes the buffers out
// every 50 ms. A buffer that grows past its cap because the sink is slow drops
// lines and counts them rather than stall serving.

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace tollgate::server {

/// What one line says. Strings are views valid during append().
struct RequestLogEntry {
    std::int64_t timeUs = 0; ///< unix µs when the answer was written
    std::string_view requestId;
    std::string_view method;
    std::string_view target;
    std::string_view route; ///< "GET /users/{id}", empty when none matched
    int status = 0; ///< 0 = connection reset
    std::uint32_t latencyUs = 0;
    std::uint64_t bytesIn = 0;
    std::uint64_t bytesOut = 0;
    std::string_view key; ///< key id, empty when none
    std::string_view tier;
    std::int64_t costMicros = 0;
    std::int64_t priceMicros = 0;
    /// Routes answered from an upstream (attempts > 0 or an error): these go
    /// into an "upstream" object.
    int upstreamAttempts = 0;
    std::uint32_t upstreamUs = 0;
    int upstreamStatus = 0; ///< 0 when it did not answer
    std::string_view upstreamError; ///< "" when it answered
    /// Streamed answers (SSE) go into a "stream" object.
    bool streamed = false;
    std::uint32_t streamEvents = 0;
    std::int64_t firstEventUs = -1; ///< -1: no event was sent
    bool clientLeft = false;
    /// WebSocket sessions add "received" and "closeCode" to "stream".
    bool websocket = false;
    std::uint32_t messagesReceived = 0;
    std::uint16_t closeCode = 0; ///< 0: none was exchanged
    /// Routes that count tokens get a "tokens" object.
    bool countsTokens = false;
    std::uint64_t tokensIn = 0;
    std::uint64_t tokensOut = 0;
};

/// Appends `e` as one JSON line (with the trailing newline) to *out.
void appendRequestLogLine(const RequestLogEntry& e, std::string* out);

class RequestLogBuffer {
public:
    /// Worker side.
    void append(const RequestLogEntry& e);
    std::uint64_t dropped() const { return m_dropped.load(std::memory_order_relaxed); }

private:
    friend class RequestLog;
    static constexpr std::size_t kCap = 8 * 1024 * 1024;
    std::mutex m_mutex;
    std::string m_data;
    std::string m_line; // worker-only scratch
    std::atomic<std::uint64_t> m_dropped { 0 };
};

class RequestLog {
public:
    RequestLog() = default;
    ~RequestLog(); ///< stops and closes
    RequestLog(const RequestLog&) = delete;
    RequestLog& operator=(const RequestLog&) = delete;

    /// "-" is stdout; anything else a file opened for appending (created if
    /// missing). False with *error when it cannot be opened.
    bool open(const std::string& target, std::string* error);
    std::shared_ptr<RequestLogBuffer> addProducer();
    /// Writes out everything buffered so far and stops the writer thread.
    void stop();
    std::uint64_t droppedLines() const;

private:
    void run();
    void writeOut();

    std::FILE* m_file = nullptr;
    bool m_ownsFile = false;
    mutable std::mutex m_producersMutex;
    std::vector<std::shared_ptr<RequestLogBuffer>> m_producers;
    std::mutex m_runMutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    std::thread m_thread;
    std::string m_out;
};

} // namespace tollgate::server
