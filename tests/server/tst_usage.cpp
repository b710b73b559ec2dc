// Usage per key and month: quota admission under contention, the durable
// reservation that makes the count survive kill -9, broken files that must not
// be overwritten, month boundaries, money formatting and invoices.

#include "server/access/gcra.h"
#include "server/access/usage.h"
#include "server/workspace/workspace.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <future>
#include <latch>
#include <limits>
#include <memory>
#include <mutex>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

using namespace tollgate::server;
namespace fs = std::filesystem;

Q_DECLARE_METATYPE(std::string)

namespace {

constexpr std::int64_t kNov2026 = 1'795'755'600; // 2026-11-27T05:00:00Z

QByteArray bytes(const std::string& s)
{
    return QByteArray::fromStdString(s);
}

fs::path pathOf(const QTemporaryDir& dir)
{
    return fs::path(dir.path().toStdString());
}

void writeText(const fs::path& path, const std::string& text)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
}

std::string readText(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::vector<std::string> namesIn(const fs::path& dir)
{
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir))
        names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

/// Waits (bounded) until the store says `ticket` is durable. *parked tells
/// whether the request had to wait for the disk.
bool awaitDurable(
    UsageStore& store, UsageStore::Counter* c, std::uint64_t ticket, bool* parked = nullptr)
{
    auto promise = std::make_shared<std::promise<void>>();
    std::future<void> done = promise->get_future();
    if (store.whenDurable(c, ticket, [promise] { promise->set_value(); })) {
        if (parked)
            *parked = false;
        return true;
    }
    if (parked)
        *parked = true;
    return done.wait_for(std::chrono::seconds(20)) == std::future_status::ready;
}

const KeyUsage* findRow(
    const std::vector<KeyUsage>& rows, const std::string& key, const std::string& month = "2026-11")
{
    for (const KeyUsage& u : rows) {
        if (u.keyId == key && u.month == month)
            return &u;
    }
    return nullptr;
}

std::vector<KeyUsage> sorted(std::vector<KeyUsage> rows)
{
    std::sort(rows.begin(), rows.end(), [](const KeyUsage& a, const KeyUsage& b) {
        return std::tie(a.month, a.keyId) < std::tie(b.month, b.keyId);
    });
    return rows;
}

/// RFC 4180 fields of one CSV line (no embedded line breaks needed here).
std::vector<std::string> csvFields(const std::string& line)
{
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                fields.back() += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                fields.back() += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            fields.emplace_back();
        } else {
            fields.back() += c;
        }
    }
    return fields;
}

std::vector<std::string> lines(const std::string& text)
{
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        out.push_back(line);
    return out;
}

/// "-12.345678" -> -12345678; exact, no floating point.
Micros usd(const std::string& text)
{
    const bool negative = !text.empty() && text[0] == '-';
    const std::size_t dot = text.find('.');
    if (dot == std::string::npos || text.size() - dot - 1 != 6)
        qFatal("not a six-decimal amount: %s", text.c_str());
    const std::string whole = text.substr(negative ? 1 : 0, dot - (negative ? 1 : 0));
    const Micros m = std::stoll(whole) * 1'000'000 + std::stoll(text.substr(dot + 1));
    return negative ? -m : m;
}

} // namespace

class TestUsage : public QObject {
    Q_OBJECT

private slots:
    void quotaBlockAdmitsExactlyQuota_data();
    void quotaBlockAdmitsExactlyQuota();
    void billPolicyFlagsOverage();
    void noQuotaNeverBlocks();
    void outcomesAreCounted();
    void memoryOnlyNeedsNoWait();
    void whenDurableResumesOnceOnDisk();
    void flushThenLoadBack();
    void idleChangesReachTheDisk();
    void crashCopyNeverBelowDelivered();
    void brokenFileNotOverwritten_data();
    void brokenFileNotOverwritten();
    void loadUsageFileCases();
    void monthBoundaries();
    void countersPerMonth();
    void formatMicrosCases_data();
    void formatMicrosCases();
    void invoices();
};

void TestUsage::quotaBlockAdmitsExactlyQuota_data()
{
    QTest::addColumn<bool>("persistent");
    QTest::newRow("memory") << false;
    QTest::newRow("file") << true;
}

void TestUsage::quotaBlockAdmitsExactlyQuota()
{
    QFETCH(bool, persistent);
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    auto clock = std::make_shared<VirtualClock>(kNov2026 * 1'000'000'000);
    UsageStore store(persistent ? pathOf(tmp) / "usage.json" : fs::path(), clock);
    QVERIFY(store.open(nullptr));
    UsageStore::Counter* c = store.counter("key_q", kNov2026);

    constexpr int kThreads = 64;
    constexpr int kTries = 40; // 2560 attempts
    constexpr std::int64_t kQuota = 1000;
    std::latch start(kThreads);
    std::mutex mutex;
    std::vector<std::uint64_t> used;
    std::atomic<int> denied { 0 };
    std::atomic<int> flagged { 0 };
    std::atomic<int> badDenial { 0 };
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&] {
            std::vector<std::uint64_t> mine;
            start.arrive_and_wait();
            for (int i = 0; i < kTries; ++i) {
                const UsageStore::Admission a = store.admit(c, kQuota, true);
                if (a.allowed) {
                    mine.push_back(a.used);
                    if (a.overage || a.ticket != a.used)
                        flagged.fetch_add(1);
                } else {
                    denied.fetch_add(1);
                    if (a.used < std::uint64_t(kQuota))
                        badDenial.fetch_add(1);
                }
            }
            std::lock_guard lock(mutex);
            used.insert(used.end(), mine.begin(), mine.end());
        });
    }
    for (auto& t : threads)
        t.join();

    QCOMPARE(used.size(), std::size_t(kQuota));
    QCOMPARE(denied.load(), kThreads * kTries - int(kQuota));
    QCOMPARE(flagged.load(), 0);
    QCOMPARE(badDenial.load(), 0);
    // Each admitted request got its own place in the quota: 1..quota once each.
    std::sort(used.begin(), used.end());
    for (std::size_t i = 0; i < used.size(); ++i)
        QCOMPARE(used[i], std::uint64_t(i + 1));
    QCOMPARE(store.count(c), std::uint64_t(kQuota));
    // A denied request is not counted.
    QCOMPARE(store.snapshot().at(0).requests, std::uint64_t(kQuota));
}

void TestUsage::billPolicyFlagsOverage()
{
    UsageStore store({}, std::make_shared<VirtualClock>());
    QVERIFY(store.open(nullptr));
    UsageStore::Counter* c = store.counter("key_bill", kNov2026);

    constexpr int kThreads = 64;
    constexpr int kTries = 20; // 1280 requests
    constexpr std::int64_t kQuota = 500;
    std::latch start(kThreads);
    std::atomic<int> admitted { 0 };
    std::atomic<int> overage { 0 };
    std::atomic<int> wrongFlag { 0 };
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&] {
            start.arrive_and_wait();
            for (int i = 0; i < kTries; ++i) {
                const UsageStore::Admission a = store.admit(c, kQuota, false);
                if (a.allowed)
                    admitted.fetch_add(1);
                if (a.overage)
                    overage.fetch_add(1);
                // Flagged exactly when this request is beyond the quota.
                if (a.overage != (a.used > std::uint64_t(kQuota)))
                    wrongFlag.fetch_add(1);
            }
        });
    }
    for (auto& t : threads)
        t.join();
    QCOMPARE(admitted.load(), kThreads * kTries);
    QCOMPARE(overage.load(), kThreads * kTries - int(kQuota));
    QCOMPARE(wrongFlag.load(), 0);
    QCOMPARE(store.count(c), std::uint64_t(kThreads * kTries));
}

void TestUsage::noQuotaNeverBlocks()
{
    UsageStore store({}, nullptr);
    QVERIFY(store.open(nullptr));
    UsageStore::Counter* c = store.counter("key_free", kNov2026);
    for (int i = 1; i <= 3000; ++i) {
        const UsageStore::Admission zero = store.admit(c, 0, true);
        QVERIFY(zero.allowed);
        QVERIFY(!zero.overage);
        const UsageStore::Admission negative = store.admit(c, -5, true);
        QVERIFY(negative.allowed);
        QVERIFY(!negative.overage);
        QCOMPARE(negative.used, std::uint64_t(2 * i));
    }
}

void TestUsage::outcomesAreCounted()
{
    UsageStore store({}, nullptr);
    QVERIFY(store.open(nullptr));
    UsageStore::Counter* c = store.counter("key_o", kNov2026);
    for (int i = 0; i < 4; ++i)
        store.admit(c, 2, false);
    store.complete(c, 200, false, 2'000, 50);
    store.complete(c, 404, false, 2'000, 50); // a 4xx is still a billable answer
    store.complete(c, 201, true, 3'000, 50);
    store.complete(c, 503, true, 3'000, 50); // a 5xx costs but is not billed
    store.complete(c, 0, false, 2'000, 7); // connection gone before an answer
    store.reject(c);
    store.reject(c);

    const std::vector<KeyUsage> rows = store.snapshot();
    QCOMPARE(rows.size(), std::size_t(1));
    const KeyUsage& u = rows[0];
    QCOMPARE(bytes(u.keyId), QByteArray("key_o"));
    QCOMPARE(bytes(u.month), QByteArray("2026-11"));
    QCOMPARE(u.requests, std::uint64_t(4));
    QCOMPARE(u.rejected, std::uint64_t(2));
    QCOMPARE(u.billable, std::uint64_t(3));
    QCOMPARE(u.overage, std::uint64_t(1));
    QCOMPARE(u.revenueMicros, Micros(7'000));
    QCOMPARE(u.costMicros, Micros(207));
}

void TestUsage::memoryOnlyNeedsNoWait()
{
    UsageStore store({}, nullptr);
    std::string error;
    QVERIFY(store.open(&error));
    QVERIFY(error.empty());
    UsageStore::Counter* c = store.counter("key_m", kNov2026);
    std::atomic<int> resumed { 0 };
    for (int i = 0; i < 1000; ++i) {
        const UsageStore::Admission a = store.admit(c, 0, false);
        QVERIFY(store.whenDurable(c, a.ticket, [&resumed] { resumed.fetch_add(1); }));
    }
    QVERIFY(store.flush(&error));
    // Nothing was parked, so nothing is ever resumed.
    QCOMPARE(resumed.load(), 0);
    QCOMPARE(store.writeFailures(), std::uint64_t(0));
}

void TestUsage::whenDurableResumesOnceOnDisk()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const fs::path file = pathOf(tmp) / "state" / "usage.json";
    UsageStore store(file, std::make_shared<VirtualClock>());
    QVERIFY(store.open(nullptr));

    // A fresh counter has nothing reserved on disk, so its first request has
    // to wait for the writer; a few fresh keys make sure that path is taken.
    int parkedCount = 0;
    for (int k = 0; k < 20; ++k) {
        const std::string key = "key_" + std::to_string(k);
        UsageStore::Counter* c = store.counter(key, kNov2026);
        const UsageStore::Admission a = store.admit(c, 0, false);
        QCOMPARE(a.ticket, std::uint64_t(1));
        bool parked = false;
        QVERIFY2(awaitDurable(store, c, a.ticket, &parked), key.c_str());
        parkedCount += parked ? 1 : 0;
        // Resumed means the file on disk already covers the request.
        std::vector<KeyUsage> onDisk;
        std::string error;
        QVERIFY2(loadUsageFile(file, &onDisk, &error), error.c_str());
        const KeyUsage* row = findRow(onDisk, key);
        QVERIFY2(row, key.c_str());
        QVERIFY(row->requests >= a.ticket);
    }
    QVERIFY(parkedCount > 0);
}

void TestUsage::flushThenLoadBack()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const fs::path file = pathOf(tmp) / "usage.json";
    std::vector<KeyUsage> expected;
    {
        UsageStore store(file, std::make_shared<VirtualClock>());
        QVERIFY(store.open(nullptr));
        UsageStore::Counter* a = store.counter("key_a", kNov2026);
        UsageStore::Counter* b = store.counter("key_b", kNov2026);
        UsageStore::Counter* old = store.counter("key_a", 1'790'000'000); // 2026-09
        for (int i = 0; i < 25; ++i) {
            const auto adm = store.admit(a, 20, false);
            store.complete(a, 200, adm.overage, 1'500, 40);
        }
        store.admit(b, 0, false);
        store.complete(b, 502, false, 9'000'000'000LL, 1);
        store.reject(b);
        store.admit(old, 0, false);
        store.complete(old, 200, false, 3, 0);

        std::string error;
        QVERIFY2(store.flush(&error), error.c_str());
        expected = sorted(store.snapshot());
        QCOMPARE(expected.size(), std::size_t(3));

        std::vector<KeyUsage> loaded;
        QVERIFY2(loadUsageFile(file, &loaded, &error), error.c_str());
        loaded = sorted(loaded);
        QCOMPARE(loaded.size(), expected.size());
        for (std::size_t i = 0; i < loaded.size(); ++i) {
            // While the store runs, the file's count includes the reservation
            // (what a crash right now would come back with); never less than
            // what was counted.
            QVERIFY(loaded[i].requests >= expected[i].requests);
            KeyUsage sameCount = loaded[i];
            sameCount.requests = expected[i].requests;
            QVERIFY2(sameCount == expected[i], loaded[i].keyId.c_str());
        }
    }
    // A clean shutdown writes the exact counts.
    std::vector<KeyUsage> loaded;
    std::string error;
    QVERIFY2(loadUsageFile(file, &loaded, &error), error.c_str());
    QVERIFY(sorted(loaded) == expected);

    // And a new store carries on from them.
    {
        UsageStore again(file, std::make_shared<VirtualClock>());
        QVERIFY(again.open(&error));
        QVERIFY(sorted(again.snapshot()) == expected);
        UsageStore::Counter* a = again.counter("key_a", kNov2026);
        QCOMPARE(again.count(a), std::uint64_t(25));
        const auto next = again.admit(a, 20, true);
        QVERIFY(!next.allowed); // 25 already used of 20
        QCOMPARE(again.admit(a, 30, true).used, std::uint64_t(26));
    }
    QVERIFY(loadUsageFile(file, &loaded, &error));
    QVERIFY(findRow(loaded, "key_a"));
    QCOMPARE(findRow(loaded, "key_a")->requests, std::uint64_t(26));
    // No temporary files are left next to the ledger.
    QCOMPARE(namesIn(pathOf(tmp)), std::vector<std::string> { "usage.json" });
}

void TestUsage::idleChangesReachTheDisk()
{
    // Outcomes and rejections need no reservation, yet the CLI and a restart
    // must see them without an explicit flush: the writer picks them up.
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const fs::path file = pathOf(tmp) / "usage.json";
    UsageStore store(file, std::make_shared<VirtualClock>());
    QVERIFY(store.open(nullptr));
    UsageStore::Counter* c = store.counter("key_idle", kNov2026);
    const UsageStore::Admission a = store.admit(c, 0, false);
    QVERIFY(awaitDurable(store, c, a.ticket));

    auto onDisk = [&file] {
        std::vector<KeyUsage> rows;
        loadUsageFile(file, &rows, nullptr);
        const KeyUsage* row = findRow(rows, "key_idle");
        return row ? *row : KeyUsage {};
    };
    store.complete(c, 200, false, 2'000, 5);
    QTRY_VERIFY_WITH_TIMEOUT(onDisk().billable == 1, 10'000);
    QCOMPARE(onDisk().revenueMicros, Micros(2'000));
    store.reject(c);
    QTRY_VERIFY_WITH_TIMEOUT(onDisk().rejected == 1, 10'000);
}

void TestUsage::crashCopyNeverBelowDelivered()
{
    // A copy of usage.json taken while the store runs is the file kill -9
    // would leave behind. Loading it must never count fewer requests than
    // were already answered (made durable) before the copy was taken.
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const fs::path file = pathOf(tmp) / "usage.json";
    const fs::path crash = pathOf(tmp) / "crash" / "usage.json";
    fs::create_directories(crash.parent_path());

    UsageStore store(file, std::make_shared<VirtualClock>());
    QVERIFY(store.open(nullptr));
    UsageStore::Counter* c = store.counter("key_crash", kNov2026);

    constexpr int kThreads = 8;
    constexpr int kPerThread = 1500;
    std::atomic<std::uint64_t> delivered { 0 };
    std::atomic<int> finished { 0 };
    std::atomic<int> lost { 0 };
    std::atomic<int> copiesTaken { 0 };
    std::latch start(kThreads + 1);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&] {
            start.arrive_and_wait();
            for (int i = 0; i < kPerThread; ++i) {
                // Halfway, wait for a copy taken while the store runs: on a
                // busy machine the copying thread may otherwise not be
                // scheduled before the writers are done.
                while (i == kPerThread / 2 && copiesTaken.load() == 0)
                    std::this_thread::yield();
                const UsageStore::Admission a = store.admit(c, 0, false);
                if (!awaitDurable(store, c, a.ticket))
                    lost.fetch_add(1);
                delivered.fetch_add(1); // the response goes out now
            }
            finished.fetch_add(1);
        });
    }
    start.arrive_and_wait();

    int copies = 0;
    std::uint64_t lastDelivered = 0;
    std::vector<std::string> violations;
    auto copyAndCheck = [&] {
        const std::uint64_t before = delivered.load();
        // Read through one descriptor to its end. fs::copy_file was seen to
        // copy a truncated file here while the store renamed a new one into
        // place (the store never writes usage.json in place).
        std::string snapshot;
        {
            std::ifstream in(file, std::ios::binary);
            if (!in) {
                if (before > 0) {
                    violations.push_back(
                        "no usage.json after " + std::to_string(before) + " delivered");
                    copiesTaken.store(-1);
                }
                return;
            }
            snapshot.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        }
        {
            std::ofstream out(crash, std::ios::binary | std::ios::trunc);
            out << snapshot;
        }
        std::vector<KeyUsage> rows;
        std::string error;
        if (!loadUsageFile(crash, &rows, &error)) {
            violations.push_back("copy does not load: " + error);
            copiesTaken.store(-1); // let the writers finish; the test fails
            return;
        }
        const KeyUsage* row = findRow(rows, "key_crash");
        const std::uint64_t counted = row ? row->requests : 0;
        if (counted < before)
            violations.push_back(std::to_string(counted) + " counted after "
                + std::to_string(before) + " delivered");
        ++copies;
        copiesTaken.store(copies);
        lastDelivered = before;
    };
    while (finished.load() < kThreads)
        copyAndCheck();
    for (auto& t : threads)
        t.join();
    copyAndCheck();

    QCOMPARE(lost.load(), 0);
    QVERIFY2(violations.empty(), violations.empty() ? "" : violations.front().c_str());
    QCOMPARE(lastDelivered, std::uint64_t(kThreads * kPerThread));
    QVERIFY(copies >= 2);

    // The store's own loader (what the quota uses after a restart) agrees.
    UsageStore restarted(crash, std::make_shared<VirtualClock>());
    QVERIFY(restarted.open(nullptr));
    QVERIFY(restarted.count(restarted.counter("key_crash", kNov2026))
        >= std::uint64_t(kThreads * kPerThread));
}

void TestUsage::brokenFileNotOverwritten_data()
{
    QTest::addColumn<std::string>("text");
    QTest::newRow("syntax") << std::string("{ \"usage\": [ {\"key\": \"k\", ");
    QTest::newRow("not an object") << std::string("[1, 2]\n");
    QTest::newRow("usage not an array") << std::string("{\"usage\": 5}\n");
    QTest::newRow("entry not an object") << std::string("{\"usage\": [3]}\n");
    QTest::newRow("entry without key")
        << std::string("{\"usage\": [{\"month\": \"2026-11\", \"requests\": 12}]}\n");
}

void TestUsage::brokenFileNotOverwritten()
{
    QFETCH(std::string, text);
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const fs::path file = pathOf(tmp) / "usage.json";
    writeText(file, text);
    {
        UsageStore store(file, std::make_shared<VirtualClock>());
        std::string error;
        QVERIFY(!store.open(&error));
        QVERIFY(!error.empty());
        QVERIFY(store.snapshot().empty());
        UsageStore::Counter* c = store.counter("key_x", kNov2026);
        // Serving goes on (the failure is counted and shown instead).
        for (int i = 0; i < 3; ++i) {
            const UsageStore::Admission a = store.admit(c, 0, false);
            QVERIFY(awaitDurable(store, c, a.ticket));
        }
        error.clear();
        QVERIFY(!store.flush(&error));
        QVERIFY2(error.find("not overwriting") != std::string::npos, error.c_str());
        QVERIFY(store.writeFailures() >= 1);
        QCOMPARE(bytes(readText(file)), bytes(text));
    }
    QCOMPARE(bytes(readText(file)), bytes(text));
    QCOMPARE(namesIn(pathOf(tmp)), std::vector<std::string> { "usage.json" });
}

void TestUsage::loadUsageFileCases()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    std::vector<KeyUsage> rows { KeyUsage {} };
    std::string error;
    QVERIFY(loadUsageFile(pathOf(tmp) / "missing.json", &rows, &error));
    QVERIFY(rows.empty());

    const fs::path file = pathOf(tmp) / "usage.json";
    writeText(file, "{\"schemaVersion\": 1}\n");
    rows = { KeyUsage {} };
    QVERIFY(loadUsageFile(file, &rows, &error));
    QVERIFY(rows.empty());

    // A crash leaves the reservation ahead of the count: the reservation is
    // what could have been answered, so it is what counts.
    writeText(file,
        "{\"schemaVersion\": 1, \"usage\": ["
        "{\"key\": \"a\", \"month\": \"2026-11\", \"requests\": 10, \"reserved\": 74,"
        " \"rejected\": 2, \"billable\": 9, \"overage\": 1, \"revenueMicros\": 5000,"
        " \"costMicros\": 300},"
        "{\"key\": \"b\", \"month\": \"2026-10\", \"requests\": 10, \"reserved\": 10}"
        "]}\n");
    QVERIFY2(loadUsageFile(file, &rows, &error), error.c_str());
    QCOMPARE(rows.size(), std::size_t(2));
    const KeyUsage* a = findRow(rows, "a");
    QVERIFY(a);
    QCOMPARE(a->requests, std::uint64_t(74));
    QCOMPARE(a->rejected, std::uint64_t(2));
    QCOMPARE(a->billable, std::uint64_t(9));
    QCOMPARE(a->overage, std::uint64_t(1));
    QCOMPARE(a->revenueMicros, Micros(5000));
    QCOMPARE(a->costMicros, Micros(300));
    const KeyUsage* b = findRow(rows, "b", "2026-10");
    QVERIFY(b);
    QCOMPARE(b->requests, std::uint64_t(10));

    writeText(file, "{\"usage\": [{\"key\": 1, \"month\": \"2026-11\"}]}");
    error.clear();
    QVERIFY(!loadUsageFile(file, &rows, &error));
    QVERIFY(!error.empty());
}

void TestUsage::monthBoundaries()
{
    // Dec -> Jan
    QCOMPARE(bytes(usageMonth(1'767'225'599)), QByteArray("2025-12")); // 2025-12-31T23:59:59Z
    QCOMPARE(bytes(usageMonth(1'767'225'600)), QByteArray("2026-01")); // 2026-01-01T00:00:00Z
    QCOMPARE(monthEnd(1'767'225'599), std::int64_t(1'767'225'600));
    QCOMPARE(monthEnd(1'767'225'600), std::int64_t(1'769'904'000)); // 2026-02-01
    QCOMPARE(monthEnd(1'797'292'800), std::int64_t(1'798'761'600)); // 2026-12-15 -> 2027-01-01
    // Leap February 2024 has a 29th; 2025's does not.
    QCOMPARE(bytes(usageMonth(1'709'208'000)), QByteArray("2024-02")); // 2024-02-29T12:00:00Z
    QCOMPARE(monthEnd(1'709'208'000), std::int64_t(1'709'251'200)); // 2024-03-01
    QCOMPARE(monthEnd(1'706'745'600), std::int64_t(1'709'251'200)); // from 2024-02-01
    QCOMPARE(monthEnd(1'706'659'200), std::int64_t(1'706'745'600)); // 2024-01-31 -> 02-01
    QCOMPARE(monthEnd(1'740'787'199), std::int64_t(1'740'787'200)); // 2025-02-28T23:59:59Z
    QCOMPARE(bytes(usageMonth(1'740'787'200)), QByteArray("2025-03"));
    QCOMPARE(bytes(usageMonth(0)), QByteArray("1970-01"));
    QCOMPARE(monthEnd(0), std::int64_t(2'678'400));
}

void TestUsage::countersPerMonth()
{
    UsageStore store({}, nullptr);
    QVERIFY(store.open(nullptr));
    UsageStore::Counter* dec = store.counter("key_m", 1'767'225'599);
    UsageStore::Counter* jan = store.counter("key_m", 1'767'225'600);
    QVERIFY(dec != jan);
    QCOMPARE(store.counter("key_m", 1'767'225'000), dec);
    QVERIFY(store.counter("key_n", 1'767'225'000) != dec);
    store.admit(dec, 1, true);
    QVERIFY(!store.admit(dec, 1, true).allowed);
    // The quota starts over with the month.
    QVERIFY(store.admit(jan, 1, true).allowed);
    const auto rows = sorted(store.snapshot());
    QCOMPARE(rows.size(), std::size_t(3));
    QCOMPARE(bytes(rows[0].month), QByteArray("2025-12"));
    QCOMPARE(bytes(rows[1].month), QByteArray("2025-12"));
    QCOMPARE(bytes(rows[2].month), QByteArray("2026-01"));
}

void TestUsage::formatMicrosCases_data()
{
    QTest::addColumn<qint64>("micros");
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("zero") << qint64(0) << QByteArray("0.000000");
    QTest::newRow("one") << qint64(1) << QByteArray("0.000001");
    QTest::newRow("just below a dollar") << qint64(999'999) << QByteArray("0.999999");
    QTest::newRow("a dollar") << qint64(1'000'000) << QByteArray("1.000000");
    QTest::newRow("mixed") << qint64(12'345'678) << QByteArray("12.345678");
    QTest::newRow("minus one") << qint64(-1) << QByteArray("-0.000001");
    QTest::newRow("minus 1.5") << qint64(-1'500'000) << QByteArray("-1.500000");
    QTest::newRow("large") << qint64(499'000'000'000'000) << QByteArray("499000000.000000");
    QTest::newRow("int64 max") << std::numeric_limits<qint64>::max()
                               << QByteArray("9223372036854.775807");
    QTest::newRow("int64 min") << std::numeric_limits<qint64>::min()
                               << QByteArray("-9223372036854.775808");
}

void TestUsage::formatMicrosCases()
{
    QFETCH(qint64, micros);
    QFETCH(QByteArray, text);
    QCOMPARE(bytes(formatMicros(micros)), text);
}

void TestUsage::invoices()
{
    Workspace ws;
    ws.tiers = defaultTiers(); // free: no fee; pro: 29 USD a month
    ApiKey acme;
    acme.id = "key_b";
    acme.prefix = "tg_live_AbCdEfGh";
    acme.label = "Acme, Inc.";
    acme.owner = "ops@acme.example";
    acme.tier = "pro";
    ApiKey hobby;
    hobby.id = "key_a";
    hobby.prefix = "tg_dev_12345678";
    hobby.label = "Say \"hi\"";
    hobby.tier = "free";
    ApiKey legacy;
    legacy.id = "key_e";
    legacy.label = "Legacy";
    legacy.tier = "gone"; // a tier that was deleted: no fee
    ws.keys = { acme, hobby, legacy };

    const std::vector<KeyUsage> usage {
        { "key_b", "2026-11", 120, 3, 118, 18, 290'000, 5'900, 1'200, 34'000 },
        { "key_a", "2026-11", 10, 2, 10, 0, 0, 100 },
        { "key_b", "2026-10", 50, 0, 50, 0, 100'000, 2'500 },
        { "key_z", "2026-11", 5, 0, 5, 0, 10, 1 }, // key since deleted
        { "key_e", "2026-11", 1, 0, 1, 0, 1'000, 0 },
    };

    const std::vector<std::string> csv = lines(invoiceCsv(usage, ws));
    QCOMPARE(csv.size(), std::size_t(6));
    QCOMPARE(bytes(csv[0]),
        QByteArray("month,key_id,key_prefix,label,owner,tier,requests,rejected,billable,overage,"
                   "input_tokens,output_tokens,base_fee_usd,usage_charges_usd,total_usd,cost_usd,"
                   "margin_usd"));
    // Sorted by month, then key.
    QCOMPARE(bytes(csv[1]),
        QByteArray("2026-10,key_b,tg_live_AbCdEfGh,\"Acme, Inc.\",ops@acme.example,pro,50,0,50,0,"
                   "0,0,29.000000,0.100000,29.100000,0.002500,29.097500"));
    QCOMPARE(bytes(csv[2]),
        QByteArray("2026-11,key_a,tg_dev_12345678,\"Say \"\"hi\"\"\",,free,10,2,10,0,"
                   "0,0,0.000000,0.000000,0.000000,0.000100,-0.000100"));
    QCOMPARE(bytes(csv[3]),
        QByteArray("2026-11,key_b,tg_live_AbCdEfGh,\"Acme, Inc.\",ops@acme.example,pro,120,3,118,"
                   "18,1200,34000,29.000000,0.290000,29.290000,0.005900,29.284100"));
    QCOMPARE(bytes(csv[4]),
        QByteArray("2026-11,key_e,,Legacy,,gone,1,0,1,0,0,0,0.000000,0.001000,0.001000,0.000000,"
                   "0.001000"));
    QCOMPARE(bytes(csv[5]),
        QByteArray("2026-11,key_z,,,,,5,0,5,0,0,0,0.000000,0.000010,0.000010,0.000001,0.000009"));
    for (std::size_t i = 1; i < csv.size(); ++i) {
        const std::vector<std::string> f = csvFields(csv[i]);
        QCOMPARE(f.size(), std::size_t(17));
        QCOMPARE(usd(f[12]) + usd(f[13]), usd(f[14])); // fee + charges = total
        QCOMPARE(usd(f[14]) - usd(f[15]), usd(f[16])); // total - cost = margin
    }
    QCOMPARE(bytes(csvFields(csv[3])[3]), QByteArray("Acme, Inc."));
    QCOMPARE(bytes(csvFields(csv[2])[3]), QByteArray("Say \"hi\""));

    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes(invoiceJson(usage, ws)), &parseError);
    QCOMPARE(parseError.error, QJsonParseError::NoError);
    QCOMPARE(doc.object().value(QStringLiteral("schemaVersion")).toInt(), kSchemaVersion);
    const QJsonArray invoices = doc.object().value(QStringLiteral("invoices")).toArray();
    QCOMPARE(invoices.size(), 5);
    const QStringList order { QStringLiteral("2026-10/key_b"), QStringLiteral("2026-11/key_a"),
        QStringLiteral("2026-11/key_b"), QStringLiteral("2026-11/key_e"),
        QStringLiteral("2026-11/key_z") };
    for (int i = 0; i < invoices.size(); ++i) {
        const QJsonObject o = invoices[i].toObject();
        QCOMPARE(o.value(QStringLiteral("month")).toString() + QLatin1Char('/')
                + o.value(QStringLiteral("keyId")).toString(),
            order[i]);
        const qint64 fee = o.value(QStringLiteral("baseFeeMicros")).toInteger();
        const qint64 charges = o.value(QStringLiteral("usageChargesMicros")).toInteger();
        const qint64 total = o.value(QStringLiteral("totalMicros")).toInteger();
        const qint64 cost = o.value(QStringLiteral("costMicros")).toInteger();
        QCOMPARE(fee + charges, total);
        QCOMPARE(o.value(QStringLiteral("marginMicros")).toInteger(), total - cost);
        QCOMPARE(o.value(QStringLiteral("currency")).toString(), QStringLiteral("USD"));
    }
    const QJsonObject acmeNov = invoices[2].toObject();
    QCOMPARE(acmeNov.value(QStringLiteral("label")).toString(), QStringLiteral("Acme, Inc."));
    QCOMPARE(acmeNov.value(QStringLiteral("tier")).toString(), QStringLiteral("pro"));
    QCOMPARE(acmeNov.value(QStringLiteral("inputTokens")).toInteger(), 1200);
    QCOMPARE(acmeNov.value(QStringLiteral("outputTokens")).toInteger(), 34000);
    QCOMPARE(
        acmeNov.value(QStringLiteral("keyPrefix")).toString(), QStringLiteral("tg_live_AbCdEfGh"));
    QCOMPARE(acmeNov.value(QStringLiteral("requests")).toInteger(), qint64(120));
    QCOMPARE(acmeNov.value(QStringLiteral("rejected")).toInteger(), qint64(3));
    QCOMPARE(acmeNov.value(QStringLiteral("billable")).toInteger(), qint64(118));
    QCOMPARE(acmeNov.value(QStringLiteral("overage")).toInteger(), qint64(18));
    QCOMPARE(acmeNov.value(QStringLiteral("baseFeeMicros")).toInteger(), qint64(29'000'000));
    QCOMPARE(acmeNov.value(QStringLiteral("totalMicros")).toInteger(), qint64(29'290'000));
    QCOMPARE(invoices[1].toObject().value(QStringLiteral("label")).toString(),
        QStringLiteral("Say \"hi\""));
    QCOMPARE(invoices[4].toObject().value(QStringLiteral("baseFeeMicros")).toInteger(), qint64(0));

    // No usage, no lines (but still a header / a valid document).
    QCOMPARE(lines(invoiceCsv({}, ws)).size(), std::size_t(1));
    QCOMPARE(QJsonDocument::fromJson(bytes(invoiceJson({}, ws)))
                 .object()
                 .value(QStringLiteral("invoices"))
                 .toArray()
                 .size(),
        0);
}

QTEST_GUILESS_MAIN(TestUsage)
#include "tst_usage.moc"
