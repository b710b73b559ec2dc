#include "server/pipeline/behaviour.h"

#include <algorithm>

namespace tollgate::server {

Behaviour decideBehaviour(const Route& route, std::mt19937_64& rng)
{
    Behaviour b;
    const FailureInjection& f = route.failure;
    if (f.percent > 0.0) {
        std::uniform_real_distribution<double> dist(0.0, 100.0);
        if (dist(rng) < f.percent) {
            b.kind = f.reset ? Behaviour::Reset : Behaviour::Fail;
            b.status = f.reset ? 0 : f.status;
        }
    }
    b.delay = drawLatency(route.latency, rng);
    return b;
}

std::chrono::milliseconds drawLatency(const Latency& latency, std::mt19937_64& rng)
{
    if (latency.maxMs > latency.minMs) {
        std::uniform_int_distribution<int> dist(std::max(0, latency.minMs), latency.maxMs);
        return std::chrono::milliseconds(dist(rng));
    }
    return std::chrono::milliseconds(std::max(0, latency.minMs));
}

} // namespace tollgate::server
