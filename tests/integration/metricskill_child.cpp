// The victim of tst_metricskill: a metering pipeline writing to SQLite under
// steady load until it is killed with SIGKILL.
//
//   metricskill_child <database> <route name> [records per second per thread]
//
// Prints "start <unix µs>" once the pipeline runs; record i of each producer
// thread is stamped start + i/rate, and is pushed as soon as that time has
// come, so the records made by a moment T are rate × 2 × (T - start). After
// every commit the writer thread prints "written <batch> <requestsWritten>";
// the line is only printed once COMMIT has returned, so everything it counts
// must survive the kill.

#include "server/metering/metering.h"

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>
#include <vector>

using namespace tollgate::server;

namespace {

std::int64_t unixMicros()
{
    return std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// Paces records at `rate` per second from `startUs`, forever.
void produce(MeterQueue& queue, std::int64_t startUs, std::int64_t rate, std::uint32_t route,
    const std::uint32_t* tiers, const std::uint32_t* keys, std::uint64_t seed)
{
    std::uint64_t state = seed;
    const auto next = [&state] {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        return state >> 33;
    };
    std::int64_t made = 0;
    for (;;) {
        const std::int64_t due = (unixMicros() - startUs) * rate / 1'000'000;
        for (; made < due; ++made) {
            MeterRecord r;
            r.timeUs = startUs + made * 1'000'000 / rate;
            r.route = route;
            const auto pick = next();
            r.tier = tiers[pick % 2];
            r.key = keys[(pick >> 1) % 2];
            const auto roll = pick % 100;
            r.status = roll < 90 ? 200 : roll < 93 ? 304 : roll < 98 ? 429 : roll < 99 ? 503 : 0;
            r.latencyUs = static_cast<std::uint32_t>(50 + next() % 50'000);
            r.bytesIn = 200;
            r.bytesOut = 1000 + pick % 4000;
            r.costMicros = 3;
            r.priceMicros = r.status == 200 ? 100 : 0;
            if (!queue.push(r)) {
                // The harness counts every record made as sent; a drop would
                // look like storage losing it, so say so loudly.
                std::fprintf(stdout, "dropped %lld\n", static_cast<long long>(made));
                std::fflush(stdout);
            }
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 3) {
        std::fprintf(stderr, "usage: %s <database> <route> [rate per thread]\n", argv[0]);
        return 2;
    }
    const std::int64_t rate = argc > 3 ? std::atoll(argv[3]) : 5000;
    if (rate <= 0) {
        std::fprintf(stderr, "bad rate\n");
        return 2;
    }

    Metering metering;
    const std::uint32_t route = metering.routeId(argv[2]);
    const std::uint32_t tiers[] = { metering.tierId("free"), metering.tierId("pro") };
    const std::uint32_t keys[] = { metering.keyId("key-a"), metering.keyId("key-b") };

    MeteringOptions options;
    options.database = argv[1];
    options.flushInterval = std::chrono::milliseconds(200);
    options.onWritten = [](const WriteReport& report) {
        std::fprintf(stdout, "written %llu %llu\n", static_cast<unsigned long long>(report.batch),
            static_cast<unsigned long long>(report.requestsWritten));
        std::fflush(stdout);
    };
    metering.start(options);
    const MeteringStats stats = metering.stats();
    if (!stats.storing) {
        std::fprintf(stdout, "error %s\n", stats.problem.c_str());
        std::fflush(stdout);
        return 1;
    }

    std::vector<std::shared_ptr<MeterQueue>> queues { metering.addProducer(),
        metering.addProducer() };
    const std::int64_t startUs = unixMicros();
    std::fprintf(stdout, "start %lld\n", static_cast<long long>(startUs));
    std::fflush(stdout);
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < queues.size(); ++i) {
        threads.emplace_back(produce, std::ref(*queues[i]), startUs, rate, route, tiers, keys,
            static_cast<std::uint64_t>(startUs) + i);
    }
    for (auto& t : threads)
        t.join(); // never: the harness kills us
    return 0;
}
