#pragma once

// Shared set-up for the UI tests: settings and standard paths in a test
// location so a test run never touches the user's recent list or theme;
// windows over the real engine as the app composes them; waiting for the
// engine's answers.

#include "ui/engine/localengine.h"
#include "ui/engine/servercontroller.h"
#include "ui/shell/mainwindow.h"

#include <QCoreApplication>
#include <QDirIterator>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <map>
#include <memory>

namespace tollgate::ui::test {

/// The descendant of parent named name, or null (with a warning that names
/// it, so a failing test says which widget it missed).
template <typename T> T* child(const QObject* parent, const char* name)
{
    auto* found = parent->findChild<T*>(QString::fromLatin1(name));
    if (!found)
        qWarning("no child %s", name);
    return found;
}

/// The file's bytes; empty when it cannot be read.
inline QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// Everything below dir: relative path -> content ("/" for a folder), so
/// a file or an empty folder left behind shows.
inline std::map<QString, QByteArray> fileTree(const QString& dir)
{
    std::map<QString, QByteArray> tree;
    QDirIterator it(
        dir, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QFileInfo info = it.nextFileInfo();
        QByteArray content = "/";
        if (info.isFile()) {
            QFile f(info.filePath());
            if (f.open(QIODevice::ReadOnly))
                content = f.readAll();
        }
        tree[QDir(dir).relativeFilePath(info.filePath())] = content;
    }
    return tree;
}

inline void isolateSettings()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("TollgateTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tollgate-tests"));
}

/// Closes window (if any), then makes a new one over a new engine; the
/// engine must outlive its window, so declare it first.
inline void makeWindow(std::unique_ptr<LocalEngine>& engine, std::unique_ptr<MainWindow>& window)
{
    window.reset();
    engine = std::make_unique<LocalEngine>();
    window = std::make_unique<MainWindow>(engine.get());
}

/// Starts serving and waits for the outcome: false when the server did
/// not start (lastError() says why).
inline bool startServer(ServerController* server)
{
    if (server->isRunning() && !server->isBusy())
        return true;
    QSignalSpy started(server, &ServerController::started);
    QSignalSpy failed(server, &ServerController::startFailed);
    server->start();
    return QTest::qWaitFor([&] { return !started.isEmpty() || !failed.isEmpty(); }, 10'000)
        && !started.isEmpty();
}

/// Stops serving and waits until the server has stopped.
inline bool stopServer(ServerController* server)
{
    if (!server->isRunning() && !server->isBusy())
        return true;
    QSignalSpy stopped(server, &ServerController::stopped);
    server->stop();
    return QTest::qWaitFor([&] { return !stopped.isEmpty(); }, 10'000);
}

/// Applies the document now and waits until the engine serves it.
inline bool applyNow(ServerController* server)
{
    QSignalSpy applied(server, &ServerController::applied);
    server->applyNow();
    return QTest::qWaitFor([&] { return !applied.isEmpty(); }, 10'000);
}

} // namespace tollgate::ui::test
