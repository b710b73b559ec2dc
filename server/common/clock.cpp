#include "server/common/clock.h"

#include <chrono>

namespace tollgate::server {

namespace {

class SystemClock final : public Clock {
public:
    std::int64_t nowNs() const override
    {
        return std::chrono::duration_cast<std::chrono::nanoseconds>(
            std::chrono::system_clock::now().time_since_epoch())
            .count();
    }
};

} // namespace

std::shared_ptr<Clock> systemClock()
{
    static const auto clock = std::make_shared<SystemClock>();
    return clock;
}

} // namespace tollgate::server
