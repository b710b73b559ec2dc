#pragma once

// One tollgated process as the integration tests drive it: started with the
// given arguments, ready once it prints its "listening on" line, killed on
// destruction if still running.

#include <QByteArray>
#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <csignal>
#include <sys/types.h>

namespace testsupport {

/// A command line program run to its end: its exit code and what it printed.
struct Finished {
    int exitCode = -1; ///< -1 when it crashed or did not end in time
    QByteArray out;
    QByteArray err;
    QByteArray describe() const
    {
        return "exit " + QByteArray::number(exitCode) + "\nstdout:\n" + out + "stderr:\n" + err;
    }
};

inline Finished runProgram(
    const QString& program, const QStringList& arguments, int timeoutMs = 60'000)
{
    Finished f;
    QProcess p;
    p.start(program, arguments);
    if (!p.waitForFinished(timeoutMs))
        p.kill();
    f.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    f.out = p.readAllStandardOutput();
    f.err = p.readAllStandardError();
    return f;
}

class Daemon {
public:
    ~Daemon()
    {
        if (m_proc.state() != QProcess::NotRunning) {
            m_proc.kill();
            m_proc.waitForFinished(5000);
        }
    }

    /// Starts it and waits for the "listening on" line. Empty on success.
    QByteArray start(const QStringList& arguments)
    {
        m_proc.start(QStringLiteral(TOLLGATED_PATH), arguments);
        if (!m_proc.waitForStarted(5000))
            return "tollgated did not start: " + m_proc.errorString().toUtf8();
        static const QRegularExpression listening(
            QStringLiteral("listening on https?://127\\.0\\.0\\.1:(\\d+)\\n"));
        QRegularExpressionMatch match;
        const bool seen = waitForStdout([&] {
            match = listening.match(QString::fromUtf8(m_out));
            return match.hasMatch();
        });
        if (!seen)
            return "no \"listening on\" line; " + diagnostics();
        m_port = static_cast<quint16>(match.captured(1).toUInt());
        return m_port == 0 ? QByteArray("port 0 reported") : QByteArray();
    }

    /// Reads stdout until condition() holds, the process ends or time runs out.
    template <typename Condition> bool waitForStdout(Condition condition, int timeoutMs = 10'000)
    {
        QElapsedTimer timer;
        timer.start();
        for (;;) {
            m_out += m_proc.readAllStandardOutput();
            if (condition())
                return true;
            const qint64 left = timeoutMs - timer.elapsed();
            if (left <= 0 || m_proc.state() == QProcess::NotRunning)
                return false;
            m_proc.waitForReadyRead(static_cast<int>(left));
        }
    }

    /// Stops it with SIGTERM; true when it exited cleanly.
    bool stop()
    {
        if (::kill(pid(), SIGTERM) != 0 || !m_proc.waitForFinished(10'000))
            return false;
        return m_proc.exitStatus() == QProcess::NormalExit && m_proc.exitCode() == 0;
    }

    /// What the daemon said so far, for failure messages.
    QByteArray diagnostics()
    {
        m_out += m_proc.readAllStandardOutput();
        m_err += m_proc.readAllStandardError();
        return "stdout:\n" + m_out + "stderr:\n" + m_err;
    }

    QProcess& process() { return m_proc; }
    pid_t pid() const { return static_cast<pid_t>(m_proc.processId()); }
    quint16 port() const { return m_port; }
    const QByteArray& out() const { return m_out; }
    bool running() const { return m_proc.state() == QProcess::Running; }

private:
    QProcess m_proc;
    QByteArray m_out;
    QByteArray m_err;
    quint16 m_port = 0;
};

} // namespace testsupport
