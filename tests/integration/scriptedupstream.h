#pragma once

// A misbehaving upstream for the proxy tests: a loopback server on its own
// threads that answers each request it reads with the next step of a script
// (an answer, a slow answer, a reset, garbage, a huge body, silence) and
// records what it received, so a test can count attempts and read the
// forwarded request.

#include <QByteArray>
#include <QList>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

namespace testsupport {

class ScriptedUpstream {
public:
    struct Step {
        enum Kind { Answer, Reset, Garbage, Silence } kind = Answer;
        QByteArray bytes; ///< for Answer: the whole response
        int delayMs = 0; ///< before acting
        bool close = false; ///< close after answering
    };

    static Step answer(int status, QByteArray body, QByteArray extraHeaders = {}, int delayMs = 0)
    {
        Step s;
        s.bytes = "HTTP/1.1 " + QByteArray::number(status) + " X\r\nContent-Length: "
            + QByteArray::number(body.size()) + "\r\n" + extraHeaders + "\r\n" + body;
        s.delayMs = delayMs;
        return s;
    }
    static Step of(Step::Kind kind, int delayMs = 0)
    {
        Step s;
        s.kind = kind;
        s.delayMs = delayMs;
        return s;
    }

    ScriptedUpstream()
    {
        m_listen = ::socket(AF_INET, SOCK_STREAM, 0);
        int one = 1;
        ::setsockopt(m_listen, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        sockaddr_in a {};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::bind(m_listen, reinterpret_cast<sockaddr*>(&a), sizeof a);
        ::listen(m_listen, 64);
        socklen_t len = sizeof a;
        ::getsockname(m_listen, reinterpret_cast<sockaddr*>(&a), &len);
        m_port = ntohs(a.sin_port);
        m_acceptor = std::thread([this] { acceptLoop(); });
    }

    ~ScriptedUpstream()
    {
        m_stopping = true;
        ::shutdown(m_listen, SHUT_RDWR);
        ::close(m_listen);
        {
            std::lock_guard lock(m_mutex);
            for (int fd : m_open)
                ::shutdown(fd, SHUT_RDWR);
            m_cv.notify_all();
        }
        m_acceptor.join();
        for (auto& t : m_workers)
            t.join();
    }

    quint16 port() const { return m_port; }
    QByteArray url() const { return "http://127.0.0.1:" + QByteArray::number(m_port); }

    /// Steps are taken in order; with none left, `fallback` answers.
    void script(std::vector<Step> steps)
    {
        std::lock_guard lock(m_mutex);
        m_steps.assign(steps.begin(), steps.end());
    }
    void setFallback(Step step)
    {
        std::lock_guard lock(m_mutex);
        m_fallback = std::move(step);
    }

    /// Requests read so far (the whole request text, header and body).
    QList<QByteArray> requests() const
    {
        std::lock_guard lock(m_mutex);
        return m_requests;
    }
    int requestCount() const { return static_cast<int>(requests().size()); }
    int connectionsAccepted() const { return m_accepted.load(); }

private:
    void acceptLoop()
    {
        while (!m_stopping) {
            const int fd = ::accept(m_listen, nullptr, nullptr);
            if (fd < 0)
                return;
            ++m_accepted;
            std::lock_guard lock(m_mutex);
            m_open.push_back(fd);
            m_workers.emplace_back([this, fd] { serve(fd); });
        }
    }

    /// One request's bytes (Content-Length bodies only), or empty at EOF.
    static QByteArray readRequest(int fd, QByteArray& buffer)
    {
        while (true) {
            const auto end = buffer.indexOf("\r\n\r\n");
            if (end >= 0) {
                qsizetype length = 0;
                for (const QByteArray& line : buffer.left(end).split('\n')) {
                    if (line.toLower().startsWith("content-length:"))
                        length = line.mid(15).trimmed().toLongLong();
                }
                const qsizetype total = end + 4 + length;
                if (buffer.size() >= total) {
                    QByteArray request = buffer.left(total);
                    buffer.remove(0, total);
                    return request;
                }
            }
            char chunk[65536];
            const auto n = ::recv(fd, chunk, sizeof chunk, 0);
            if (n <= 0)
                return {};
            buffer.append(chunk, n);
        }
    }

    void serve(int fd)
    {
        QByteArray buffer;
        while (!m_stopping) {
            QByteArray request = readRequest(fd, buffer);
            if (request.isEmpty())
                break;
            Step step;
            {
                std::lock_guard lock(m_mutex);
                m_requests.push_back(request);
                if (!m_steps.empty()) {
                    step = m_steps.front();
                    m_steps.pop_front();
                } else {
                    step = m_fallback;
                }
            }
            if (step.delayMs > 0 || step.kind == Step::Silence) {
                std::unique_lock lock(m_mutex);
                const auto wait = step.kind == Step::Silence ? std::chrono::hours(1)
                                                             : std::chrono::milliseconds(step.delayMs);
                m_cv.wait_for(lock, wait, [this] { return m_stopping.load(); });
                if (m_stopping)
                    break;
            }
            if (step.kind == Step::Reset) {
                linger l { 1, 0 };
                ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
                break;
            }
            const QByteArray out = step.kind == Step::Garbage
                ? QByteArray("this is not HTTP at all\r\n\r\n")
                : step.bytes;
            qsizetype sent = 0;
            while (sent < out.size()) {
                const auto n = ::send(fd, out.constData() + sent, out.size() - sent, MSG_NOSIGNAL);
                if (n <= 0)
                    break;
                sent += n;
            }
            if (step.close || step.kind == Step::Garbage)
                break;
        }
        {
            std::lock_guard lock(m_mutex); // before the number can be reused
            std::erase(m_open, fd);
        }
        ::close(fd);
    }

    int m_listen = -1;
    quint16 m_port = 0;
    std::atomic<bool> m_stopping { false };
    std::atomic<int> m_accepted { 0 };
    mutable std::mutex m_mutex;
    std::condition_variable m_cv;
    std::deque<Step> m_steps;
    Step m_fallback = answer(200, "ok");
    QList<QByteArray> m_requests;
    std::vector<int> m_open;
    std::thread m_acceptor;
    std::vector<std::thread> m_workers;
};

} // namespace testsupport
