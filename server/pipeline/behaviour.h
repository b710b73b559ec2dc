#pragma once

// Behaviour injection: the latency a route adds (fixed or a uniform range,
// served on a timer) and the failures it injects (a share of requests
// answered with a chosen 5xx, or a reset connection).

#include "server/workspace/workspace.h"

#include <chrono>
#include <random>

namespace tollgate::server {

struct Behaviour {
    enum Kind {
        Serve, ///< the responder answers
        Fail, ///< answer `status` instead
        Reset, ///< reset the connection instead of answering
    } kind
        = Serve;
    int status = 0;
    std::chrono::milliseconds delay { 0 }; ///< before the answer (or the reset) goes out
};

Behaviour decideBehaviour(const Route& route, std::mt19937_64& rng);

/// A latency drawn from the route's setting: minMs, or uniform in [minMs, maxMs].
std::chrono::milliseconds drawLatency(const Latency& latency, std::mt19937_64& rng);

} // namespace tollgate::server
