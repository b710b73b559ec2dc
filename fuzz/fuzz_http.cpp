// The HTTP/1.1 session: the input is a request byte stream a client sends on
// one connection (pipelined requests, chunked bodies, garbage), served by the
// real Connection and the real request pipeline (limits, edge checks, routing,
// the access gate, behaviour, the designed responder) over the fixed
// workspace in fuzz/workspace/. The server end is a Unix socket pair adopted
// as a TCP socket: Asio only reads and writes it, and the option and peer
// calls the connection makes take error codes it ignores.
//
// Input: the first byte chooses where the stream is cut in two (byte * size
// / 256); the server reads the first part before the second arrives. The
// rest is the stream; after it the client shuts its sending side and reads
// until the server closes. TOLLGATE_FUZZ_ECHO=1 prints what it read.
//
// Deterministic: each input gets a fresh usage ledger, auth-failure table and
// random seed, and a clock an hour past the last input's, so limiter cells
// kept by the snapshot (built once) are always full again. The clock wraps
// back (with a fresh snapshot) long before it could overflow.

#include "server/access/accessgate.h"
#include "server/access/authfailures.h"
#include "server/access/usage.h"
#include "server/common/clock.h"
#include "server/http/connection.h"
#include "server/common/text.h"
#include "server/metering/journal.h"
#include "server/metering/traffic.h"
#include "server/pipeline/requestflow.h"
#include "server/pipeline/snapshot.h"
#include "server/workspace/workspacestore.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/write.hpp>
#include <boost/json/parse.hpp>

#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

using namespace tollgate::server;
namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using local = asio::local::stream_protocol;

namespace {

constexpr std::int64_t kStartNs = 1'700'000'000'000'000'000; // November 2023
constexpr std::int64_t kStepNs = 3'600'000'000'000; // an hour: longer than any burst refill
constexpr std::int64_t kInputsPerCycle = 1'000'000; // ~114 years, then back to the start

[[noreturn]] void fail(const std::string& why)
{
    std::fprintf(stderr, "fuzz_http: %s\n", why.c_str());
    std::abort();
}

class Server {
public:
    Server()
    {
        LoadResult loaded = loadWorkspace(TOLLGATE_FUZZ_DIR "/workspace");
        if (!loaded.ok())
            fail("the fuzz workspace does not load: " + loaded.errors.front().toString());
        m_workspace = std::move(loaded.workspace);
        publish();
        m_context.snapshots = &m_snapshots;
        m_context.loopbackBound = true;
    }

    std::string serve(std::string_view first, std::string_view second)
    {
        nextInput();
        int fds[2];
        if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0)
            fail("socketpair failed");
        tcp::socket serverEnd(m_ioc);
        local::socket client(m_ioc);
        boost::system::error_code ec;
        serverEnd.assign(tcp::v4(), fds[0], ec);
        if (!ec)
            client.assign(local(), fds[1], ec);
        if (ec)
            fail("cannot adopt the socket pair: " + ec.message());

        std::make_shared<Connection>(
            std::move(serverEnd), std::make_unique<RequestFlow>(m_context), &m_served)
            ->start();

        std::string received;
        char buffer[4096];
        std::function<void()> readMore = [&] {
            client.async_read_some(
                asio::buffer(buffer), [&](boost::system::error_code readEc, std::size_t n) {
                    received.append(buffer, n);
                    if (!readEc)
                        readMore();
                });
        };
        readMore();

        m_ioc.restart();
        asio::async_write(client, asio::buffer(first.data(), first.size()),
            [](boost::system::error_code, std::size_t) {});
        // Everything the first part sets off, until the server waits for more.
        while (m_ioc.poll() > 0) { }
        asio::async_write(client, asio::buffer(second.data(), second.size()),
            [&client](boost::system::error_code, std::size_t) {
                boost::system::error_code ignored;
                client.shutdown(local::socket::shutdown_send, ignored);
            });
        // The polls stop the io_context once it runs out of work (the server
        // may have closed already), which run() would not undo.
        m_ioc.restart();
        m_ioc.run();
        return received;
    }

private:
    void publish()
    {
        std::vector<Diagnostic> errors;
        m_snapshots.publish(buildSnapshot(m_workspace, 1, "fuzz", nullptr, nullptr, &errors));
        if (!errors.empty())
            fail("the fuzz workspace does not compile: " + errors.front().toString());
    }

    void nextInput()
    {
        if (++m_inputs % kInputsPerCycle == 0)
            publish(); // fresh limiter cells for the clock's new start
        m_clock->set(kStartNs + (m_inputs % kInputsPerCycle) * kStepNs);
        m_context.rng.seed(1);
        m_context.gate = nullptr;
        m_gate.reset();
        // Keys cache their counter in the ledger; the engine does this too
        // when it starts a new ledger.
        m_snapshots.latest()->keys->forgetUsageCounters();
        m_usage.emplace(std::filesystem::path(), m_clock);
        m_failures.emplace();
        m_gate.emplace(m_clock, *m_usage, *m_failures, RedisFailPolicy::Local);
        m_context.gate = &*m_gate;
        m_journal.reset();
        m_context.sink
            = OutcomeSink({ &*m_usage, nullptr, nullptr, &m_traffic, &m_trafficOn, &m_journal });
    }

    asio::io_context m_ioc { 1 };
    Workspace m_workspace;
    SnapshotPublisher m_snapshots;
    std::shared_ptr<VirtualClock> m_clock = std::make_shared<VirtualClock>(kStartNs);
    std::optional<UsageStore> m_usage;
    std::optional<AuthFailures> m_failures;
    std::optional<AccessGate> m_gate;
    TrafficQueue m_traffic;
    std::atomic<bool> m_trafficOn { false };
    RequestJournal m_journal { 8, 64 }; // small: the cut and the ring wrap often

public:
    /// The journal's promises: no key field keeps more than its scheme, and
    /// its JSON is JSON whatever bytes came in.
    void checkJournal() const
    {
        const auto entries = m_journal.select({});
        for (const auto& e : entries) {
            for (const auto& [name, value] : e.headers) {
                const bool keyField = iequals(name, "Authorization") || iequals(name, "X-API-Key");
                if (keyField && !value.ends_with("[redacted]"))
                    fail("the journal kept a key field's value: " + name);
            }
            if (e.body.size() > m_journal.bodyLimit() || e.body.size() > e.bodyBytes)
                fail("the journal kept more body than its limit");
        }
        boost::system::error_code ec;
        boost::json::parse(journalToJson(m_journal, entries), ec);
        if (ec)
            fail("the journal's JSON does not parse: " + ec.message());
    }

private:
    std::atomic<std::uint64_t> m_served { 0 };
    std::int64_t m_inputs = 0;
    ServeContext m_context { m_ioc };
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static Server server;
    if (size == 0)
        return 0;
    const std::string_view stream(reinterpret_cast<const char*>(data) + 1, size - 1);
    const std::size_t cut = std::size_t { data[0] } * stream.size() / 256;
    const std::string out = server.serve(stream.substr(0, cut), stream.substr(cut));
    // For looking at what an input gets: TOLLGATE_FUZZ_ECHO=1 fuzz_http FILE
    static const bool echo = std::getenv("TOLLGATE_FUZZ_ECHO") != nullptr;
    if (echo)
        std::fwrite(out.data(), 1, out.size(), stderr);
    // Whatever came in, what goes out is HTTP responses (or nothing).
    if (!out.empty() && !out.starts_with("HTTP/1.1 ") && !out.starts_with("HTTP/1.0 "))
        fail("the server wrote something that is not an HTTP response");
    server.checkJournal();
    return 0;
}
