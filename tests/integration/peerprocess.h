#pragma once

// What the tests that run a peer server next to tollgated share: one request
// over a fresh connection, the JSON shape two answers must agree on, and a
// server process stopped when it goes away.

#include "../freeport.h"
#include "rawclient.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStringList>

#include <functional>

namespace testsupport {

/// One request on its own connection; a JSON body when body is not empty.
inline rawhttp::Response call(quint16 port, const QByteArray& method, const QByteArray& target,
    const QByteArray& extra = {}, const QByteArray& body = {})
{
    rawhttp::RawClient c(15'000);
    if (!c.connectTo(port))
        return {};
    c.send(rawhttp::request(method, target,
        body.isEmpty() ? extra : extra + "Content-Type: application/json\r\n", body));
    return c.readResponse();
}

/// The JSON type of each top-level member (or of the whole body), or "text"
/// when the body is not JSON: what two servers' answers must agree on when
/// their values are generated.
inline QString jsonShape(const QByteArray& body)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        return QStringLiteral("text");
    if (document.isArray())
        return QStringLiteral("array");
    QStringList members;
    const QJsonObject object = document.object();
    for (auto it = object.begin(); it != object.end(); ++it)
        members += it.key() + u':' + QString::number(static_cast<int>(it.value().type()));
    return u'{' + members.join(u',') + u'}';
}

/// A peer server run as a child process, stopped (killed if need be) when
/// destroyed.
class PeerProcess {
public:
    PeerProcess() = default;
    PeerProcess(const PeerProcess&) = delete;
    PeerProcess& operator=(const PeerProcess&) = delete;
    ~PeerProcess()
    {
        if (m_proc.state() != QProcess::NotRunning) {
            m_proc.terminate();
            if (!m_proc.waitForFinished(5000)) {
                m_proc.kill();
                m_proc.waitForFinished(5000);
            }
        }
    }

    /// Starts program and waits until ready() holds (polled whenever the
    /// process writes, at least every 100 ms). Empty on success, else why not
    /// with what the process printed.
    QByteArray start(const QString& program, const QStringList& arguments,
        const QString& workingDirectory, const std::function<bool()>& ready)
    {
        m_proc.setWorkingDirectory(workingDirectory);
        m_proc.setProcessChannelMode(QProcess::MergedChannels);
        m_proc.start(program, arguments);
        if (!m_proc.waitForStarted(5000))
            return program.toUtf8() + " did not start";
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 30'000 && m_proc.state() == QProcess::Running) {
            if (ready())
                return {};
            m_proc.waitForReadyRead(100); // returns early on output; a poll, not a sleep
        }
        return program.toUtf8() + " did not become ready: " + m_proc.readAll();
    }

    QByteArray output() { return m_proc.readAll(); }

private:
    QProcess m_proc;
};

} // namespace testsupport
