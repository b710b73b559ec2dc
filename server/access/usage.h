#pragma once

// Usage per key and calendar month (UTC): what the quota counts and what an
// invoice is made of. Kept in memory with atomics on the request path and
// persisted by one background thread to <state>/usage.json.
//
// Crash safety of the quota: the thread persists a "reserved" count ahead of
// the real one (a lease). A request may only be answered once the reserved
// count on disk covers it, so after kill -9 the count loaded back is never
// lower than the responses already delivered (at most one lease higher).

#include "server/workspace/workspace.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace tollgate::server {

class Clock;

/// One key's usage in one month, as the panel, the CLI and invoices see it.
struct KeyUsage {
    std::string keyId;
    std::string month; ///< "2026-11"
    std::uint64_t requests = 0; ///< admitted requests (what the quota counts)
    std::uint64_t rejected = 0; ///< refused with 429 (rate limit or quota)
    std::uint64_t billable = 0; ///< admitted and answered with a status below 500
    std::uint64_t overage = 0; ///< billable requests beyond the monthly quota
    Micros revenueMicros = 0; ///< per-request charges (base fee not included)
    Micros costMicros = 0; ///< what serving them cost
    std::uint64_t tokensIn = 0; ///< input tokens of billable answers (token routes)
    std::uint64_t tokensOut = 0; ///< output tokens of billable answers
    bool operator==(const KeyUsage&) const = default;
};

/// "2026-11" for a Unix time in seconds.
std::string usageMonth(std::int64_t unixSeconds);
/// Unix seconds at which the month containing unixSeconds ends.
std::int64_t monthEnd(std::int64_t unixSeconds);

/// Reads a usage file written by UsageStore. A missing file is empty usage.
bool loadUsageFile(
    const std::filesystem::path& file, std::vector<KeyUsage>* out, std::string* error);

/// Invoice preview per key: base fee of the key's tier + per-request charges.
/// CSV has a header row; amounts are written in USD with six decimals (exact:
/// they are micro-dollars).
std::string invoiceCsv(const std::vector<KeyUsage>& usage, const Workspace& ws);
std::string invoiceJson(const std::vector<KeyUsage>& usage, const Workspace& ws);

/// "12.345678" for 12 345 678 µ$.
std::string formatMicros(Micros micros);

namespace detail {
struct UsageCounter;
}

class UsageStore {
public:
    /// file empty: memory only (nothing survives the process).
    UsageStore(std::filesystem::path file, std::shared_ptr<Clock> clock);
    ~UsageStore();
    UsageStore(const UsageStore&) = delete;
    UsageStore& operator=(const UsageStore&) = delete;

    /// Loads the file (if any). False with *error when it exists but is broken;
    /// the store then starts empty and will not overwrite the broken file.
    bool open(std::string* error);

    using Counter = detail::UsageCounter;
    /// The counter of keyId for the month at unixSeconds; created on first use.
    /// The pointer stays valid for the store's lifetime.
    Counter* counter(const std::string& keyId, std::int64_t unixSeconds);

    struct Admission {
        enum Refusal { None, Quota, Rate };
        bool allowed = true;
        Refusal refusal = None; ///< why not allowed
        bool overage = false;
        bool durable = true; ///< the persisted reservation covers it already
        std::uint64_t used = 0; ///< count including this request (refused: the count)
        std::uint64_t ticket = 0; ///< pass to whenDurable() unless durable
    };
    /// Counts one request against `quota` (0 = none). With blockOverQuota a
    /// request beyond the quota is refused and not counted.
    Admission admit(Counter* c, std::int64_t quota, bool blockOverQuota);
    /// The access gate's one call per keyed request. A blocking quota that is
    /// used up refuses without asking the rate limiter; otherwise
    /// `rateAllows()` (the limiter's step) is asked and the request counted.
    /// Either refusal is counted as rejected.
    template <class RateCheck>
    Admission admit(Counter* c, std::int64_t quota, bool blockOverQuota, RateCheck&& rateAllows)
    {
        if (quota > 0 && blockOverQuota && count(c) >= static_cast<std::uint64_t>(quota))
            return refuse(c, Admission::Quota);
        if (!rateAllows())
            return refuse(c, Admission::Rate);
        Admission a = admit(c, quota, blockOverQuota);
        return a.allowed ? a : refuse(c, Admission::Quota);
    }
    /// Requests counted so far in c.
    std::uint64_t count(const Counter* c) const;
    /// Counts a request refused by the rate limiter.
    void reject(Counter* c);
    /// Records the outcome of an admitted request; `price` includes what its
    /// tokens cost.
    void complete(Counter* c, int status, bool overage, Micros price, Micros cost,
        std::uint64_t tokensIn = 0, std::uint64_t tokensOut = 0);

    /// True when the persisted reservation covers `ticket`. Otherwise `resume`
    /// is called (from the store's thread) once it does; the caller must hop
    /// back to its own thread.
    bool whenDurable(Counter* c, std::uint64_t ticket, std::function<void()> resume);

    std::vector<KeyUsage> snapshot() const;
    /// Writes everything now (blocking). Used at shutdown and by tests.
    bool flush(std::string* error = nullptr);
    /// Failed writes since start (shown in the status bar).
    std::uint64_t writeFailures() const;

private:
    Admission refuse(Counter* c, Admission::Refusal why);

    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace tollgate::server
