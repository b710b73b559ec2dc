#pragma once

// A throwaway redis-server for tests: started on a free loopback port in a
// temporary directory with persistence off, ready once it answers PING, and
// killed (SIGKILL) when the object goes. scripts/install-deps.sh installs
// redis-server, so a test that needs one fails rather than skips without it.

#include "freeport.h"

#include <QByteArray>
#include <QDeadlineTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QStringList>
#include <QTemporaryDir>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <string>
#include <utility>

namespace testsupport {

class RedisServer {
public:
    /// extraArgs go to redis-server after the defaults (e.g. --requirepass x).
    explicit RedisServer(QStringList extraArgs = {})
        : m_extraArgs(std::move(extraArgs))
    {
    }
    ~RedisServer() { stop(); }
    RedisServer(const RedisServer&) = delete;
    RedisServer& operator=(const RedisServer&) = delete;

    static QString executable()
    {
        return QStandardPaths::findExecutable(QStringLiteral("redis-server"));
    }
    static QString cliExecutable()
    {
        return QStandardPaths::findExecutable(QStringLiteral("redis-cli"));
    }
    static QByteArray missingMessage()
    {
        return "redis-server or redis-cli not found in PATH; scripts/install-deps.sh installs the "
               "redis-server package (Debian: apt-get install redis-server)";
    }

    /// Starts on `port`, or on a free port for 0. On failure returns false and
    /// error() says why (with the server's log).
    bool start(quint16 port = 0)
    {
        stop();
        m_error.clear();
        if (executable().isEmpty() || cliExecutable().isEmpty()) {
            m_error = missingMessage();
            return false;
        }
        if (!m_dir.isValid()) {
            m_error = "cannot create a temporary directory";
            return false;
        }
        // A port picked here can be taken by someone else before redis binds
        // it; then redis exits and another port is tried.
        const int attempts = port == 0 ? 5 : 1;
        for (int i = 0; i < attempts; ++i) {
            const quint16 p = port != 0 ? port : freePort();
            if (p == 0) {
                m_error = "no free loopback port";
                return false;
            }
            if (launch(p))
                return true;
        }
        return false;
    }

    /// SIGKILL, as a crash or a pulled plug would look to clients.
    void stop()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(10000);
        }
    }

    /// SIGSTOP / SIGCONT: the server keeps its sockets but answers nothing.
    bool pause() { return sendSignal(SIGSTOP); }
    bool resume() { return sendSignal(SIGCONT); }

    bool running() const { return m_process.state() == QProcess::Running; }
    quint16 port() const { return m_port; }
    std::string url(int db = 0) const
    {
        return "redis://127.0.0.1:" + std::to_string(m_port) + (db ? "/" + std::to_string(db) : "");
    }
    const QByteArray& error() const { return m_error; }

    /// Runs redis-cli against this server; returns its trimmed output.
    QByteArray cli(const QStringList& args, int db = 0) const
    {
        QProcess p;
        QStringList all { QStringLiteral("-h"), QStringLiteral("127.0.0.1"), QStringLiteral("-p"),
            QString::number(m_port), QStringLiteral("-n"), QString::number(db) };
        if (!m_password.isEmpty())
            all << QStringLiteral("--no-auth-warning") << QStringLiteral("-a") << m_password;
        all << args;
        p.start(cliExecutable(), all);
        if (!p.waitForFinished(10000))
            return "redis-cli did not finish";
        return p.readAllStandardOutput().trimmed();
    }

    /// Whether something on 127.0.0.1:port answers PING with +PONG (or, with
    /// requirepass, with the NOAUTH error: up, just locked).
    static bool ping(quint16 port)
    {
        const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0)
            return false;
        timeval tv { 0, 500'000 };
        ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
        sockaddr_in addr {};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(port);
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        bool ok = false;
        if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
            static const char ping[] = "PING\r\n";
            char reply[64] = {};
            if (::send(fd, ping, sizeof ping - 1, MSG_NOSIGNAL) == sizeof ping - 1) {
                const ssize_t n = ::recv(fd, reply, sizeof reply - 1, 0);
                const QByteArray r(reply, n > 0 ? int(n) : 0);
                ok = r.startsWith("+PONG") || r.startsWith("-NOAUTH");
            }
        }
        ::close(fd);
        return ok;
    }

    static quint16 freePort() { return testsupport::freePort(); }

private:
    bool launch(quint16 port)
    {
        const QString log = m_dir.filePath(QStringLiteral("redis.log"));
        QFile::remove(log);
        QStringList args { QStringLiteral("--port"), QString::number(port),
            QStringLiteral("--bind"), QStringLiteral("127.0.0.1"), QStringLiteral("--save"),
            QString(), QStringLiteral("--appendonly"), QStringLiteral("no"),
            QStringLiteral("--dir"), m_dir.path(), QStringLiteral("--logfile"), log,
            QStringLiteral("--daemonize"), QStringLiteral("no") };
        args << m_extraArgs;
        for (int i = 0; i + 1 < m_extraArgs.size(); ++i) {
            if (m_extraArgs[i] == QLatin1String("--requirepass"))
                m_password = m_extraArgs[i + 1];
        }
        m_process.setProgram(executable());
        m_process.setArguments(args);
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.setStandardOutputFile(QProcess::nullDevice());
        m_process.start();
        if (!m_process.waitForStarted(10000)) {
            m_error = "redis-server did not start: " + m_process.errorString().toUtf8();
            return false;
        }
        // Ready when it answers; waiting on the process doubles as the pause
        // between tries and notices at once when it exits (port taken, bad flag).
        QDeadlineTimer deadline(10000);
        while (!ping(port)) {
            if (m_process.waitForFinished(10) || m_process.state() == QProcess::NotRunning) {
                m_error = "redis-server exited on port " + QByteArray::number(port) + ": "
                    + readLog(log);
                return false;
            }
            if (deadline.hasExpired()) {
                m_error = "redis-server did not answer PING within 10 s: " + readLog(log);
                stop();
                return false;
            }
        }
        m_port = port;
        return true;
    }

    bool sendSignal(int sig)
    {
        const qint64 pid = m_process.processId();
        return pid > 0 && ::kill(static_cast<pid_t>(pid), sig) == 0;
    }

    static QByteArray readLog(const QString& path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll().right(2000) : QByteArray("(no log)");
    }

    QStringList m_extraArgs;
    QString m_password;
    QTemporaryDir m_dir;
    QProcess m_process;
    quint16 m_port = 0;
    QByteArray m_error;
};

} // namespace testsupport
