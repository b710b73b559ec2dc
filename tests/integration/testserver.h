#pragma once

// Small builders shared by the engine integration tests: routes and responses
// in one line, and an engine started on a free loopback port.

#include "server/engine/engine.h"
#include "server/workspace/workspace.h"

#include <QByteArray>
#include <QString>

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace testsupport {

using namespace tollgate::server;

inline Response makeResponse(int status, std::string body,
    std::string contentType = "application/json", std::vector<Header> extraHeaders = {})
{
    Response r;
    r.status = status;
    r.body = std::move(body);
    if (!contentType.empty())
        r.headers.push_back({ "Content-Type", std::move(contentType) });
    for (auto& h : extraHeaders)
        r.headers.push_back(std::move(h));
    return r;
}

inline Route makeRoute(std::string method, std::string path, std::vector<Response> responses)
{
    Route r;
    r.method = std::move(method);
    r.path = std::move(path);
    r.responses = std::move(responses);
    return r;
}

inline Route makeRoute(std::string method, std::string path, int status, std::string body)
{
    return makeRoute(std::move(method), std::move(path), { makeResponse(status, std::move(body)) });
}

/// An engine on 127.0.0.1, port 0, with the workspace applied before start.
struct TestServer {
    std::unique_ptr<Engine> engine = std::make_unique<Engine>();
    std::vector<Diagnostic> diagnostics;
    std::string startError;
    bool started = false;

    TestServer(const Workspace& ws, int threads = 2, std::string version = "0.0.0")
    {
        diagnostics = engine->apply(ws);
        EngineOptions o;
        o.bind = "127.0.0.1";
        o.port = 0;
        o.threads = threads;
        o.version = std::move(version);
        started = engine->start(o, &startError);
    }
    quint16 port() const { return engine->port(); }

    /// For QVERIFY2: why the server is not usable.
    QByteArray problems() const
    {
        QByteArray s;
        if (!started)
            s += "start failed: " + QByteArray::fromStdString(startError) + '\n';
        for (const auto& d : diagnostics)
            s += "diagnostic: " + QByteArray::fromStdString(d.toString()) + '\n';
        return s;
    }
    bool ok() const { return started && diagnostics.empty() && engine->port() != 0; }
};

} // namespace testsupport
