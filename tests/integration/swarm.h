#pragma once

// Many client connections at once without a thread each: non-blocking
// sockets in one poll() set (SlowSwarm), room for them in the descriptor
// limit, and a process's resident memory. Shared by the tests that hold a
// thousand connections against tollgated (slow clients, SSE streams).

#include "rawclient.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QFile>
#include <QString>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/types.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

namespace testsupport {

/// Connections that each send a prefix and then one byte per trickle();
/// what comes back is collected by pump(). Non-blocking sockets in one
/// poll() set: a thousand of them need no thread each.
class SlowSwarm {
public:
    struct Conn {
        int fd = -1;
        QElapsedTimer since; ///< started when the prefix was sent
        QByteArray in;
        bool closed = false; ///< the server's answer ended (EOF or reset)
        qint64 closedAfterMs = -1;
        bool gone = false; ///< the server closed its socket: a byte sent is refused
        qint64 goneAfterMs = -1;
        int sent = 0; ///< trickled bytes
        int status() const
        {
            // "HTTP/1.1 408 ..." -> 408; 0 when closed without an answer.
            return in.startsWith("HTTP/1.") ? in.mid(9, 3).toInt() : 0;
        }
    };

    ~SlowSwarm()
    {
        for (Conn& c : m_conns) {
            if (c.fd >= 0)
                ::close(c.fd);
        }
    }

    /// Opens n connections and sends each the prefix. Empty on success.
    QByteArray open(quint16 port, int n, const QByteArray& prefix)
    {
        m_conns.reserve(static_cast<std::size_t>(n));
        for (int i = 0; i < n; ++i) {
            rawhttp::RawClient c;
            if (!c.connectTo(port))
                return "connection " + QByteArray::number(i)
                    + " failed: " + QByteArray(std::strerror(c.lastErrno()));
            if (!c.send(prefix))
                return "sending the prefix failed on connection " + QByteArray::number(i);
            Conn conn;
            conn.fd = ::dup(c.fd()); // the RawClient closes its own
            conn.since.start();
            ::fcntl(conn.fd, F_SETFL, ::fcntl(conn.fd, F_GETFL) | O_NONBLOCK);
            m_conns.push_back(std::move(conn));
        }
        return {};
    }

    /// One more byte to every connection the server has not closed, also
    /// after its answer ended: a hostile client keeps sending.
    void trickle(char byte)
    {
        for (Conn& c : m_conns) {
            if (c.gone)
                continue;
            if (::send(c.fd, &byte, 1, MSG_NOSIGNAL) == 1) {
                ++c.sent;
            } else if (errno == EPIPE || errno == ECONNRESET) {
                c.gone = true; // the server's close answered the last byte with RST
                c.goneAfterMs = c.since.elapsed();
            }
        }
    }

    /// Waits up to waitMs for answers and closes; reads what came.
    void pump(int waitMs)
    {
        std::vector<pollfd> fds;
        std::vector<Conn*> owners;
        for (Conn& c : m_conns) {
            if (!c.closed) {
                fds.push_back({ c.fd, POLLIN, 0 });
                owners.push_back(&c);
            }
        }
        if (fds.empty() || ::poll(fds.data(), fds.size(), waitMs) <= 0)
            return;
        for (std::size_t i = 0; i < fds.size(); ++i) {
            if (!fds[i].revents)
                continue;
            Conn& c = *owners[i];
            char buf[4096];
            for (;;) {
                const ssize_t got = ::recv(c.fd, buf, sizeof buf, 0);
                if (got > 0) {
                    c.in.append(buf, got);
                    continue;
                }
                if (got < 0 && (errno == EAGAIN || errno == EINTR))
                    break;
                c.closed = true; // EOF or reset
                c.closedAfterMs = c.since.elapsed();
                break;
            }
        }
    }

    int openCount() const
    {
        return int(
            std::count_if(m_conns.begin(), m_conns.end(), [](const Conn& c) { return !c.closed; }));
    }
    int goneCount() const
    {
        return int(
            std::count_if(m_conns.begin(), m_conns.end(), [](const Conn& c) { return c.gone; }));
    }
    const std::vector<Conn>& conns() const { return m_conns; }
    /// How many connections have received `text` so far.
    int countHaving(QByteArrayView text) const
    {
        return int(std::count_if(
            m_conns.begin(), m_conns.end(), [&](const Conn& c) { return c.in.contains(text); }));
    }
    /// Closes every connection (the server sees them leave).
    void closeAll()
    {
        for (Conn& c : m_conns) {
            if (c.fd >= 0)
                ::close(c.fd);
            c.fd = -1;
            c.closed = true;
        }
    }

private:
    std::vector<Conn> m_conns;
};

/// Room for the slow connections, both their ends when the server runs in
/// this process: the soft descriptor limit goes up to the hard one.
inline QByteArray raiseDescriptorLimit(rlim_t needed)
{
    rlimit lim {};
    if (::getrlimit(RLIMIT_NOFILE, &lim) != 0)
        return "getrlimit failed";
    if (lim.rlim_cur < needed && lim.rlim_cur < lim.rlim_max) {
        lim.rlim_cur = lim.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &lim);
        ::getrlimit(RLIMIT_NOFILE, &lim);
    }
    if (lim.rlim_cur < needed)
        return "the descriptor limit is " + QByteArray::number(quint64(lim.rlim_cur)) + ", "
            + QByteArray::number(quint64(needed)) + " are needed (raise the hard limit)";
    return {};
}

/// A process's resident memory in KiB, from /proc/PID/status.
inline qint64 residentKiB(pid_t pid)
{
    QFile f(QStringLiteral("/proc/%1/status").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : f.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

} // namespace testsupport
