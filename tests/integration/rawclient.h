#pragma once

// A deliberately dumb HTTP/1.x client for the integration tests: a blocking
// POSIX socket that sends exactly the bytes it is given and parses exactly one
// response at a time. A real client (QNetworkAccessManager, curl) would
// normalise, retry or reconnect and hide the very framing behaviour these
// tests check. Bytes after a parsed response stay buffered, so pipelined
// responses and stray body bytes after a HEAD response are seen by the next
// readResponse().

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

namespace rawhttp {

/// How the last read from the socket ended.
enum class ReadEnd { Data, Eof, Reset, Timeout, Error };

inline const char* toString(ReadEnd e)
{
    switch (e) {
    case ReadEnd::Data:
        return "data";
    case ReadEnd::Eof:
        return "EOF";
    case ReadEnd::Reset:
        return "ECONNRESET";
    case ReadEnd::Timeout:
        return "timeout";
    case ReadEnd::Error:
        return "error";
    }
    return "?";
}

struct Response {
    bool ok = false; ///< a complete response was parsed
    QByteArray error; ///< why not, for QVERIFY2
    QByteArray version;
    int status = 0;
    QByteArray reason;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    /// First value of a header (name compared case-insensitively), or a null
    /// QByteArray when absent.
    QByteArray header(QByteArrayView name) const
    {
        for (const auto& h : headers) {
            if (QByteArrayView(h.first).compare(name, Qt::CaseInsensitive) == 0)
                return h.second;
        }
        return {};
    }
    bool hasHeader(QByteArrayView name) const { return headerCount(name) > 0; }
    int headerCount(QByteArrayView name) const
    {
        int n = 0;
        for (const auto& h : headers) {
            if (QByteArrayView(h.first).compare(name, Qt::CaseInsensitive) == 0)
                ++n;
        }
        return n;
    }
    /// True when any header name starts with prefix (case-insensitive).
    bool hasHeaderPrefix(QByteArrayView prefix) const
    {
        for (const auto& h : headers) {
            if (h.first.size() >= prefix.size()
                && QByteArrayView(h.first).first(prefix.size()).compare(prefix, Qt::CaseInsensitive)
                    == 0)
                return true;
        }
        return false;
    }
    /// "Connection: close" present.
    bool closes() const { return header("Connection").trimmed().toLower() == "close"; }
    /// Status line plus headers, for failure messages.
    QByteArray describe() const
    {
        if (!ok)
            return "no response: " + error;
        QByteArray s = version + ' ' + QByteArray::number(status) + ' ' + reason + '\n';
        for (const auto& h : headers)
            s += h.first + ": " + h.second + '\n';
        s += body.left(300);
        return s;
    }
};

class RawClient {
public:
    explicit RawClient(int timeoutMs = 5000)
        : m_timeoutMs(timeoutMs)
    {
    }
    ~RawClient() { close(); }
    RawClient(const RawClient&) = delete;
    RawClient& operator=(const RawClient&) = delete;

    bool connectTo(quint16 port, const char* address = "127.0.0.1")
    {
        close();
        m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (m_fd < 0) {
            m_errno = errno;
            return false;
        }
        timeval tv {};
        tv.tv_sec = m_timeoutMs / 1000;
        tv.tv_usec = (m_timeoutMs % 1000) * 1000;
        ::setsockopt(m_fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        ::setsockopt(m_fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
        int one = 1;
        ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        sockaddr_in sa {};
        sa.sin_family = AF_INET;
        sa.sin_port = htons(port);
        if (::inet_pton(AF_INET, address, &sa.sin_addr) != 1
            || ::connect(m_fd, reinterpret_cast<const sockaddr*>(&sa), sizeof sa) != 0) {
            m_errno = errno;
            close();
            return false;
        }
        return true;
    }

    bool isOpen() const { return m_fd >= 0; }
    int fd() const { return m_fd; }
    int lastErrno() const { return m_errno; }
    ReadEnd lastEnd() const { return m_lastEnd; }
    const QByteArray& buffered() const { return m_buffer; }

    void close()
    {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = -1;
        m_buffer.clear();
    }

    /// Sends all bytes (MSG_NOSIGNAL: a peer that closed early must not kill
    /// the test with SIGPIPE).
    bool send(QByteArrayView data)
    {
        const char* p = data.data();
        qsizetype left = data.size();
        while (left > 0) {
            const ssize_t n = ::send(m_fd, p, static_cast<size_t>(left), MSG_NOSIGNAL);
            if (n < 0) {
                if (errno == EINTR)
                    continue;
                m_errno = errno;
                return false;
            }
            p += n;
            left -= n;
        }
        return true;
    }

    /// Reads one response. forHead: the response to a HEAD request, whose
    /// Content-Length describes a body that is not sent.
    Response readResponse(bool forHead = false)
    {
        Response r;
        qsizetype headerEnd = -1;
        while ((headerEnd = m_buffer.indexOf("\r\n\r\n")) < 0) {
            if (fill() != ReadEnd::Data) {
                r.error = QByteArray("connection ended (") + toString(m_lastEnd)
                    + ") before the header was complete; got " + QByteArray::number(m_buffer.size())
                    + " bytes: " + m_buffer.left(200);
                return r;
            }
        }
        const QByteArray head = m_buffer.left(headerEnd);
        m_buffer.remove(0, headerEnd + 4);
        const QList<QByteArray> lines = head.split('\n');
        const QByteArray statusLine = lines.value(0).trimmed();
        const qsizetype sp1 = statusLine.indexOf(' ');
        if (sp1 < 0 || !statusLine.startsWith("HTTP/1.")) {
            r.error = "bad status line: " + statusLine.left(200);
            return r;
        }
        r.version = statusLine.left(sp1);
        const qsizetype sp2 = statusLine.indexOf(' ', sp1 + 1);
        bool numOk = false;
        r.status = statusLine.mid(sp1 + 1, sp2 < 0 ? -1 : sp2 - sp1 - 1).toInt(&numOk);
        if (!numOk) {
            r.error = "bad status code: " + statusLine.left(200);
            return r;
        }
        r.reason = sp2 < 0 ? QByteArray() : statusLine.mid(sp2 + 1);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines[i].endsWith('\r') ? lines[i].chopped(1) : lines[i];
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0) {
                r.error = "bad header line: " + line.left(200);
                return r;
            }
            r.headers.append({ line.left(colon), line.mid(colon + 1).trimmed() });
        }

        const bool bodyless = forHead || r.status < 200 || r.status == 204 || r.status == 304;
        if (r.headerCount("Content-Length") > 1) {
            r.error = "several Content-Length fields in the response";
            return r;
        }
        if (r.hasHeader("Transfer-Encoding") && !bodyless) {
            r.error = "response uses Transfer-Encoding, which this client does not decode";
            return r;
        }
        if (!bodyless) {
            const QByteArray cl = r.header("Content-Length");
            if (!cl.isNull()) {
                bool ok = false;
                const qsizetype length = cl.toLongLong(&ok);
                if (!ok || length < 0) {
                    r.error = "bad Content-Length: " + cl;
                    return r;
                }
                while (m_buffer.size() < length) {
                    if (fill() != ReadEnd::Data) {
                        r.error = QByteArray("connection ended (") + toString(m_lastEnd)
                            + ") after " + QByteArray::number(m_buffer.size()) + " of " + cl
                            + " body bytes";
                        return r;
                    }
                }
                r.body = m_buffer.left(length);
                m_buffer.remove(0, length);
            } else {
                // Delimited by close.
                while (fill() == ReadEnd::Data) { }
                if (m_lastEnd != ReadEnd::Eof) {
                    r.error = QByteArray("close-delimited body ended by ") + toString(m_lastEnd);
                    return r;
                }
                r.body = m_buffer;
                m_buffer.clear();
            }
        }
        r.ok = true;
        return r;
    }

    /// Reads until the peer closes or the timeout hits; everything received
    /// (including anything already buffered) goes to *received.
    ReadEnd readUntilClose(QByteArray* received)
    {
        while (fill() == ReadEnd::Data) { }
        if (received)
            *received = m_buffer;
        m_buffer.clear();
        return m_lastEnd;
    }

    /// Reads until the bytes received hold `needle` (or the peer closes, or
    /// the timeout hits); hands over and forgets everything up to and
    /// including it. False when it did not come.
    bool readUntil(QByteArrayView needle, QByteArray* received)
    {
        qsizetype at = -1;
        while ((at = m_buffer.indexOf(needle)) < 0 && fill() == ReadEnd::Data) { }
        if (at < 0)
            return false;
        const qsizetype end = at + needle.size();
        if (received)
            *received = m_buffer.left(end);
        m_buffer.remove(0, end);
        return true;
    }

    /// True when response bytes are buffered or arrive within waitMs.
    bool hasPendingData(int waitMs = 0)
    {
        if (!m_buffer.isEmpty())
            return true;
        pollfd p { m_fd, POLLIN, 0 };
        return ::poll(&p, 1, waitMs) > 0 && (p.revents & (POLLIN | POLLHUP | POLLERR));
    }

private:
    ReadEnd fill()
    {
        if (m_fd < 0) {
            m_lastEnd = ReadEnd::Error;
            return m_lastEnd;
        }
        char chunk[16384];
        for (;;) {
            const ssize_t n = ::recv(m_fd, chunk, sizeof chunk, 0);
            if (n > 0) {
                m_buffer.append(chunk, n);
                m_lastEnd = ReadEnd::Data;
            } else if (n == 0) {
                m_lastEnd = ReadEnd::Eof;
            } else if (errno == EINTR) {
                continue;
            } else {
                m_errno = errno;
                m_lastEnd = errno == ECONNRESET                 ? ReadEnd::Reset
                    : (errno == EAGAIN || errno == EWOULDBLOCK) ? ReadEnd::Timeout
                                                                : ReadEnd::Error;
            }
            return m_lastEnd;
        }
    }

    int m_fd = -1;
    int m_timeoutMs;
    int m_errno = 0;
    ReadEnd m_lastEnd = ReadEnd::Data;
    QByteArray m_buffer;
};

/// A request with the usual Host header; extra is raw header lines, each
/// ending in "\r\n".
inline QByteArray request(QByteArrayView method, QByteArrayView target, QByteArrayView extra = {},
    QByteArrayView body = {})
{
    QByteArray r;
    r.reserve(target.size() + extra.size() + body.size() + 128);
    r.append(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    r.append(extra);
    if (!body.isEmpty())
        r.append("Content-Length: ").append(QByteArray::number(body.size())).append("\r\n");
    r.append("\r\n").append(body);
    return r;
}

inline QByteArray get(QByteArrayView target, QByteArrayView extra = {})
{
    return request("GET", target, extra);
}

} // namespace rawhttp
