#pragma once

// Internal to the load generator: a run's settings made ready to send. The
// mix's templates are compiled, keys become header lines, weighted draws are
// set up, and requests that never vary are rendered once per key.

#include "server/load/loadgen.h"
#include "server/routing/templating.h"

#include <boost/asio/ssl/context.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace tollgate::server::loadgen {

namespace asio = boost::asio;

inline constexpr const char* kNoKeyTier = "(no key)";

class WeightedPick {
public:
    explicit WeightedPick(const std::vector<double>& weights)
    {
        double total = 0;
        for (double w : weights) {
            total += w > 0 ? w : 0;
            m_cumulative.push_back(total);
        }
        m_total = total;
    }
    /// random: 64 uniformly random bits.
    std::uint32_t pick(std::uint64_t random) const
    {
        if (m_cumulative.size() <= 1 || m_total <= 0)
            return 0;
        const double x = double(random >> 11) * 0x1.0p-53 * m_total;
        const auto it = std::upper_bound(m_cumulative.begin(), m_cumulative.end(), x);
        const auto i = std::min<std::size_t>(
            static_cast<std::size_t>(it - m_cumulative.begin()), m_cumulative.size() - 1);
        return static_cast<std::uint32_t>(i);
    }

private:
    std::vector<double> m_cumulative;
    double m_total = 0;
};

inline std::uint64_t splitmix(std::uint64_t& state)
{
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/// A mix entry ready to send: compiled templates, or the whole request
/// text per key when nothing in it varies.
struct PreparedTarget {
    LoadTarget target;
    bool isStatic = true;
    bool head = false;
    Template path;
    std::vector<std::pair<std::string, Template>> params;
    std::vector<std::pair<std::string, Template>> headers;
    Template body;
    std::vector<std::string> perKey; ///< static requests, one per key (or one)
};

/// A key ready to send: its header line and tier index.
struct PreparedKey {
    std::string headerLine; ///< "Authorization: Bearer …\r\n" or empty
    std::uint32_t tier = 0;
};

struct Plan {
    LoadSettings settings;
    LoadUrl url;
    std::vector<PreparedTarget> targets;
    std::vector<PreparedKey> keys;
    std::vector<std::string> tierNames;
    std::shared_ptr<asio::ssl::context> tls; ///< https and wss targets
    Template wsMessage; ///< WebSocket runs: what each session sends
    WeightedPick targetPick { {} };
    WeightedPick keyPick { {} };
    std::string userAgent = std::string("User-Agent: tollgate-load/") + TOLLGATE_VERSION + "\r\n";

    /// The request text for target t, key k, rendering templates with slot.
    void render(const PreparedTarget& t, std::size_t key, int slot, std::string* out) const;
    /// WebSocket runs: the handshake's request target (path and query) and
    /// its extra header fields (User-Agent, the key, the target's headers).
    void renderHandshake(const PreparedTarget& t, std::size_t key, int slot, std::string* target,
        std::vector<std::pair<std::string, std::string>>* fields) const;

private:
    /// The request target of t: the URL's prefix, t's path with its
    /// parameters and the URL's query. ctx gets the method, parameters and path.
    std::string renderTarget(const PreparedTarget& t, int slot, RequestContext* ctx) const;
};

/// Compiles settings into *plan. False with a reason (a template that does
/// not compile) in *error.
bool preparePlan(const LoadSettings& settings, Plan* plan, std::string* error);

} // namespace tollgate::server::loadgen
