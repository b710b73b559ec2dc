#include "ui/shell/workspacefiles.h"

#include "ui/common/logging.h"
#include "ui/common/settings.h"
#include "ui/document/workspacedocument.h"
#include "ui/shell/mainwindow.h"

#include <QAction>
#include <QClipboard>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QMenu>
#include <QMessageBox>
#include <QUrl>

namespace tollgate::ui {

namespace {

constexpr int kMaxRecent = 8;
constexpr int kMessageMs = 5000;

} // namespace

WorkspaceFiles::WorkspaceFiles(WorkspaceDocument* document, QWidget* window)
    : QObject(window)
    , m_document(document)
    , m_window(window)
    , m_recentMenu(new QMenu(MainWindow::tr("Open &Recent"), window))
{
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    updateRecentMenu();
}

bool WorkspaceFiles::openWorkspace(const QString& path)
{
    const QFileInfo info(path);
    if (!info.isDir()) {
        QMessageBox::warning(m_window, MainWindow::tr("Open Workspace"),
            MainWindow::tr("The folder %1 does not exist.").arg(path));
        return false;
    }
    const QString dir = info.absoluteFilePath();
    if (m_document->isOpen() && m_leaveCheck && !m_leaveCheck())
        return false;
    QString error;
    bool ok = false;
    if (WorkspaceDocument::isWorkspaceDirectory(dir)) {
        ok = m_document->open(dir, &error);
    } else {
        const auto answer = QMessageBox::question(m_window, MainWindow::tr("Not a Workspace"),
            MainWindow::tr(
                "%1 is not a Tollgate workspace (it has no tollgate.json).\n\nCreate a new "
                "workspace in this folder?")
                .arg(QDir::toNativeSeparators(dir)),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Yes);
        if (answer != QMessageBox::Yes)
            return false;
        ok = m_document->create(dir, QDir(dir).dirName(), &error);
    }
    if (!ok) {
        qCInfo(lcWorkspace).noquote() << "cannot open" << dir << ":" << error;
        QMessageBox::warning(m_window, MainWindow::tr("Open Workspace"),
            MainWindow::tr("Cannot open %1:\n%2").arg(QDir::toNativeSeparators(dir), error));
        return false;
    }
    addRecent(dir);
    settings::lastWorkspace().write(dir);
    Q_EMIT opened();
    const int problems = int(m_document->loadDiagnostics().size());
    if (problems > 0) {
        qCInfo(lcWorkspace).noquote() << "opened" << dir << "with" << problems << "problems";
        Q_EMIT message(
            MainWindow::tr("Opened %1 with %n problem(s); the rest loaded.", nullptr, problems)
                .arg(m_document->name()),
            10000);
    } else {
        Q_EMIT message(MainWindow::tr("Opened %1").arg(m_document->name()), kMessageMs);
    }
    return true;
}

void WorkspaceFiles::newWorkspace()
{
    const QString dir = QFileDialog::getExistingDirectory(m_window,
        MainWindow::tr("New Workspace: Choose or Create an Empty Folder"), QDir::homePath());
    if (dir.isEmpty())
        return;
    if (WorkspaceDocument::isWorkspaceDirectory(dir)) {
        const auto answer = QMessageBox::question(m_window, MainWindow::tr("New Workspace"),
            MainWindow::tr("%1 already holds a workspace. Open it instead?")
                .arg(QDir::toNativeSeparators(dir)),
            QMessageBox::Open | QMessageBox::Cancel, QMessageBox::Open);
        if (answer == QMessageBox::Open)
            openWorkspace(dir);
        return;
    }
    QString error;
    if (!m_document->create(dir, QDir(dir).dirName(), &error)) {
        qCInfo(lcWorkspace).noquote() << "cannot create a workspace in" << dir << ":" << error;
        QMessageBox::warning(m_window, MainWindow::tr("New Workspace"),
            MainWindow::tr("Cannot create a workspace in %1:\n%2")
                .arg(QDir::toNativeSeparators(dir), error));
        return;
    }
    addRecent(m_document->directory());
    settings::lastWorkspace().write(m_document->directory());
    Q_EMIT message(MainWindow::tr("Created workspace %1").arg(m_document->name()), kMessageMs);
}

void WorkspaceFiles::openWorkspaceDialog()
{
    const QString start
        = m_document->isOpen() ? QFileInfo(m_document->directory()).path() : QDir::homePath();
    const QString dir
        = QFileDialog::getExistingDirectory(m_window, MainWindow::tr("Open Workspace"), start);
    if (!dir.isEmpty())
        openWorkspace(dir);
}

void WorkspaceFiles::addRecent(const QString& dir)
{
    QStringList recent = settings::recentWorkspaces().read();
    recent.removeAll(dir);
    recent.prepend(dir);
    while (recent.size() > kMaxRecent)
        recent.removeLast();
    settings::recentWorkspaces().write(recent);
    updateRecentMenu();
}

void WorkspaceFiles::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = settings::recentWorkspaces().read();
    int number = 1;
    for (const QString& dir : recent) {
        QString text = QDir::toNativeSeparators(dir);
        text.replace(QLatin1Char('&'), QLatin1String("&&"));
        if (number < 10)
            text = QStringLiteral("&%1 %2").arg(number).arg(text);
        ++number;
        QAction* a = m_recentMenu->addAction(text);
        a->setEnabled(QFileInfo(dir).isDir());
        connect(a, &QAction::triggered, this, [this, dir] { openWorkspace(dir); });
    }
    if (!recent.isEmpty()) {
        m_recentMenu->addSeparator();
        QAction* clear = m_recentMenu->addAction(MainWindow::tr("&Clear List"));
        connect(clear, &QAction::triggered, this, [this] {
            settings::recentWorkspaces().remove();
            updateRecentMenu();
        });
    }
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void WorkspaceFiles::saveNow()
{
    QString error;
    if (m_document->saveNow(&error))
        Q_EMIT message(
            MainWindow::tr("Saved %1").arg(QDir::toNativeSeparators(m_document->directory())),
            kMessageMs);
}

void WorkspaceFiles::revealWorkspace()
{
    if (m_document->isOpen())
        QDesktopServices::openUrl(QUrl::fromLocalFile(m_document->directory()));
}

void WorkspaceFiles::copyWorkspacePath()
{
    if (!m_document->isOpen())
        return;
    const QString path = QDir::toNativeSeparators(m_document->directory());
    QGuiApplication::clipboard()->setText(path);
    Q_EMIT message(MainWindow::tr("Copied %1").arg(path), kMessageMs);
}

} // namespace tollgate::ui
