#include "app/screenshot/startupreport.h"

#include "ui/document/workspacedocument.h"
#include "ui/shell/mainwindow.h"

#include <QCoreApplication>
#include <QEvent>
#include <QFile>
#include <QTimer>

#include <cstdio>

#include <unistd.h>

namespace tollgate::app {

namespace {

constexpr int kIdleMs = 3000;

// Milliseconds since this process was started, from /proc (10 ms resolution),
// so the figure includes dynamic loading and everything before main().
double msSinceProcessStart()
{
    QFile stat(QStringLiteral("/proc/self/stat"));
    QFile uptime(QStringLiteral("/proc/uptime"));
    if (!stat.open(QIODevice::ReadOnly) || !uptime.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray s = stat.readAll();
    // Fields after the command name (which may hold spaces) start after ')'.
    const QList<QByteArray> fields = s.mid(s.lastIndexOf(')') + 2).split(' ');
    const double startTicks = fields.value(19).toDouble();
    const double up = uptime.readAll().split(' ').value(0).toDouble();
    return (up - startTicks / double(sysconf(_SC_CLK_TCK))) * 1000.0;
}

qint64 residentKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

} // namespace

StartupReport::StartupReport(ui::MainWindow* window, QObject* parent)
    : QObject(parent)
    , m_window(window)
{
    window->installEventFilter(this);
}

bool StartupReport::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_window && event->type() == QEvent::Paint && !m_painted) {
        m_painted = true;
        std::fprintf(stdout, "first paint after %.0f ms with %d routes loaded\n",
            msSinceProcessStart(), m_window->document()->routeCount());
        std::fflush(stdout);
        // Idle: let the start-up settle, then read the resident set.
        QTimer::singleShot(kIdleMs, this, [this] {
            std::fprintf(stdout, "idle RSS %lld KiB\n", static_cast<long long>(residentKiB()));
            std::fflush(stdout);
            m_window->close();
            QCoreApplication::exit(0);
        });
    }
    return QObject::eventFilter(watched, event);
}

} // namespace tollgate::app
