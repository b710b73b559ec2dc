#pragma once

// The admin endpoint of tollgated (--admin-port): Prometheus text metrics at
// /metrics, a liveness answer at /health and the request journal at
// /journal (GET with filters, DELETE to reset), on its own thread and port so
// scraping never competes with the API's workers and is never exposed on the
// API's address by accident.

#include <cstdint>
#include <memory>
#include <string>

namespace tollgate::server {

class Metering;
class RequestJournal;

class AdminServer {
public:
    AdminServer();
    ~AdminServer(); ///< stops
    AdminServer(const AdminServer&) = delete;
    AdminServer& operator=(const AdminServer&) = delete;

    /// Listens on bind:port (port 0 picks one). False with *error when the
    /// address cannot be bound. Without a journal /journal answers 404.
    bool start(const std::string& bind, std::uint16_t port, std::shared_ptr<Metering> metering,
        std::string* error, std::shared_ptr<RequestJournal> journal = nullptr);
    void stop();
    std::uint16_t port() const;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace tollgate::server
