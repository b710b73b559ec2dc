#include "ui/shell/application.h"

#include "server/access/apikey.h"
#include "ui/common/appearance.h"
#include "ui/load/loadpanel.h"
#include "ui/metrics/metricspanel.h"
#include "ui/requests/composerpanel.h"
#include "ui/load/loadkeypoolmodel.h"
#include "ui/load/loadmixmodel.h"
#include "ui/load/loadsettingsform.h"
#include "ui/shell/mainwindow.h"
#include "ui/requests/requestsender.h"
#include "ui/routes/routeeditor.h"
#include "ui/requests/savedrequestmodel.h"
#include "ui/common/secretstore.h"
#include "ui/engine/servercontroller.h"
#include "ui/document/workspacedocument.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QEvent>
#include <QFile>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QLocale>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QScreen>
#include <QSettings>
#include <QStandardPaths>
#include <QTimer>
#include <QTranslator>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <memory>

#include <unistd.h>

namespace tollgate::ui {

namespace {

const QString kDemoResource = QStringLiteral(":/demo");
const QString kLastKey = QStringLiteral("workspaces/last");
const QString kThemeKey = QStringLiteral("view/theme");
// Time for the window to be laid out, painted and for the first route's
// editor to settle before the screenshot is grabbed.
constexpr int kScreenshotDelayMs = 700;
// The metrics screenshot: traffic for this long, sent every tick, then a
// pause for the last numbers to reach the charts.
constexpr int kTrafficMs = 45'000;
constexpr int kTrafficTickMs = 25;
constexpr int kTrafficSettleMs = 1500;
// The load screenshot: grabbed once the run has drawn this many seconds,
// or after the timeout whatever it drew.
constexpr int kLoadSecondsShown = 9;
constexpr int kLoadScreenshotTimeoutMs = 60'000;

} // namespace

Application::Application(QObject* parent)
    : QObject(parent)
{
}

Application::~Application() = default;

void Application::installTranslations()
{
    const QLocale locale;
    // Qt's own strings (standard buttons, file dialogs) first, ours on top.
    auto* qt = new QTranslator(qApp);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
            QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    // Languages without a translation (and the C locale of a bare session)
    // get English, whose file carries the plural forms ("1 route").
    auto* ours = new QTranslator(qApp);
    if (ours->load(
            locale, QStringLiteral("tollgate"), QStringLiteral("_"), QStringLiteral(":/i18n"))
        || ours->load(QStringLiteral(":/i18n/tollgate_en.qm")))
        QCoreApplication::installTranslator(ours);
    else
        delete ours;
}

void Application::parseCommandLine(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Design, serve and test HTTP APIs before the real service exists."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption workspace(
        QStringList { QStringLiteral("w"), QStringLiteral("workspace") },
        tr("Open the workspace in <dir>."), tr("dir"));
    const QCommandLineOption theme(
        QStringLiteral("theme"), tr("Use the <theme> look: system, light or dark."), tr("theme"));
    // Used by the documentation scripts; not part of the user interface.
    QCommandLineOption screenshot(QStringLiteral("screenshot"),
        tr("Save a PNG of the window to <file> and quit."), tr("file"));
    screenshot.setFlags(QCommandLineOption::HiddenFromHelp);
    // Used by the documentation scripts to pick the page of a screenshot.
    QCommandLineOption page(QStringLiteral("page"),
        tr("Show the <page> page first: routes, keys, requests, metrics or load."), tr("page"));
    page.setFlags(QCommandLineOption::HiddenFromHelp);
    // Used by bench/gui.sh: prints the time to the first paint and the idle RSS, then quits.
    QCommandLineOption startupReport(
        QStringLiteral("startup-report"), tr("Print start-up time and idle memory, then quit."));
    startupReport.setFlags(QCommandLineOption::HiddenFromHelp);
    // Used by bench/metrics-gui.sh: how long the Metrics page's updates take
    // on the GUI thread, and how late the event loop runs, under load.
    QCommandLineOption metricsReport(QStringLiteral("metrics-report"),
        tr("Show the Metrics page for <seconds>, print its update times, then quit."),
        tr("seconds"));
    metricsReport.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(metricsReport);
    parser.addOption(workspace);
    parser.addOption(theme);
    parser.addOption(screenshot);
    parser.addOption(startupReport);
    parser.addOption(page);
    parser.process(arguments);
    m_startupReport = parser.isSet(startupReport);
    m_metricsReportSeconds = std::max(0, parser.value(metricsReport).toInt());

    m_workspace = parser.value(workspace);
    m_theme = parser.value(theme);
    m_screenshot = parser.value(screenshot);
    m_page = parser.value(page);
}

void Application::showMainWindow()
{
    captureSystemTheme();
    const QString theme = m_theme.isEmpty() ? QSettings().value(kThemeKey).toString() : m_theme;
    if (!m_theme.isEmpty())
        QSettings().setValue(kThemeKey, themeKey(themeFromKey(theme)));
    applyTheme(themeFromKey(theme));

    m_window = std::make_unique<MainWindow>();
    const QString dir = chooseWorkspace();
    if (!dir.isEmpty())
        m_window->openWorkspace(dir);
    if (m_page == QLatin1String("keys"))
        m_window->showPage(MainWindow::KeysPage);
    else if (m_page == QLatin1String("requests"))
        m_window->showPage(MainWindow::RequestsPage);
    else if (m_page == QLatin1String("metrics"))
        m_window->showPage(MainWindow::MetricsPage);
    else if (m_page == QLatin1String("load"))
        m_window->showPage(MainWindow::LoadPage);
    m_window->show();

    if (m_startupReport) {
        m_window->installEventFilter(this);
    }
    if (m_metricsReportSeconds > 0) {
        startMetricsReport(m_metricsReportSeconds);
        return;
    }
    if (!m_screenshot.isEmpty() && m_page == QLatin1String("requests")) {
        // The documentation's composer picture: a keyed request and its
        // answer, rate-limit headers decoded.
        if (sendScreenshotRequest())
            return;
    }
    if (!m_screenshot.isEmpty() && m_page == QLatin1String("metrics")) {
        // The documentation's metrics picture: the panel under load.
        if (driveScreenshotTraffic())
            return;
    }
    if (!m_screenshot.isEmpty() && m_page == QLatin1String("load")) {
        // The documentation's load picture: a run across three tiers, live.
        if (driveLoadScreenshot())
            return;
    }
    if (!m_screenshot.isEmpty()) {
        if (m_window->document()->routeCount() > 0)
            m_window->selectRoute(0);
        QTimer::singleShot(kScreenshotDelayMs, this, &Application::takeScreenshot);
    }
}

void Application::startMetricsReport(int seconds)
{
    m_window->showPage(MainWindow::MetricsPage);
    if (!m_window->document()->isOpen() || !m_window->serverController()->start()) {
        std::fprintf(stderr, "tollgate: the workspace could not be served\n");
        QTimer::singleShot(0, this, [] { QCoreApplication::exit(1); });
        return;
    }
    MetricsPanel* panel = m_window->metricsPanel();
    struct Report {
        std::vector<double> updates;
        std::vector<double> cpu;
        double worstStallMs = 0;
        QElapsedTimer sinceTick;
    };
    auto report = std::make_shared<Report>();
    connect(panel, &MetricsPanel::updated, this, [report, panel] {
        report->updates.push_back(panel->lastUpdateMs());
        report->cpu.push_back(panel->lastUpdateCpuMs());
    });
    // A 10 ms timer: how much later than asked it fires is how long the
    // event loop was busy (updates, painting, the traffic log).
    auto* probe = new QTimer(this);
    probe->setTimerType(Qt::PreciseTimer);
    probe->setInterval(10);
    report->sinceTick.start();
    connect(probe, &QTimer::timeout, this, [report] {
        const double late = double(report->sinceTick.nsecsElapsed()) / 1e6 - 10.0;
        report->worstStallMs = std::max(report->worstStallMs, late);
        report->sinceTick.restart();
    });
    probe->start();
    QTimer::singleShot(seconds * 1000, this, [this, report, probe] {
        probe->stop();
        auto& u = report->updates;
        std::sort(u.begin(), u.end());
        double sum = 0;
        for (const double v : u)
            sum += v;
        const auto over = std::count_if(u.begin(), u.end(), [](double v) { return v >= 8.0; });
        const std::size_t p99 = u.empty() ? 0 : std::min(u.size() - 1, u.size() * 99 / 100);
        auto& c = report->cpu;
        std::sort(c.begin(), c.end());
        std::fprintf(stdout,
            "metrics updates: %zu, mean %.2f ms, p99 %.2f ms, max %.2f ms, %ld of 8 ms or "
            "more; CPU p99 %.2f ms, max %.2f ms; event loop at most %.1f ms late\n",
            u.size(), u.empty() ? 0.0 : sum / double(u.size()), u.empty() ? 0.0 : u[p99],
            u.empty() ? 0.0 : u.back(), long(over), c.empty() ? 0.0 : c[p99],
            c.empty() ? 0.0 : c.back(), report->worstStallMs);
        std::fflush(stdout);
        m_window->close();
        QCoreApplication::quit();
    });
}

QString Application::chooseWorkspace()
{
    if (!m_workspace.isEmpty())
        return m_workspace;
    const QString last = QSettings().value(kLastKey).toString();
    if (!last.isEmpty() && WorkspaceDocument::isWorkspaceDirectory(last))
        return last;
    const QString demo = demoWorkspaceDirectory();
    QString error;
    if (!installDemoWorkspace(demo, &error)) {
        QMessageBox::warning(nullptr, tr("Tollgate"),
            tr("The demo workspace could not be installed:\n%1").arg(error));
        return {};
    }
    return demo;
}

QString Application::demoWorkspaceDirectory()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("workspaces/builder-api"));
}

bool Application::installDemoWorkspace(const QString& dir, QString* error)
{
    // Never overwrite: the user may have edited the demo since first run.
    if (WorkspaceDocument::isWorkspaceDirectory(dir))
        return true;
    if (!QDir().mkpath(dir)) {
        if (error)
            *error = tr("Cannot create %1.").arg(QDir::toNativeSeparators(dir));
        return false;
    }
    if (!QFileInfo(kDemoResource).isDir()) {
        // A build without the demo still gets a usable, empty workspace.
        WorkspaceDocument document;
        return document.create(dir, QStringLiteral("builder-api"), error);
    }
    QDirIterator it(kDemoResource, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    const QDir source(kDemoResource);
    const QDir target(dir);
    while (it.hasNext()) {
        const QString from = it.next();
        const QString relative = source.relativeFilePath(from);
        const QString to = target.filePath(relative);
        if (!QDir().mkpath(QFileInfo(to).path()) || !QFile::copy(from, to)) {
            if (error)
                *error = tr("Cannot write %1.").arg(QDir::toNativeSeparators(to));
            return false;
        }
        // Files copied out of resources are read-only; the user edits these.
        QFile::setPermissions(
            to, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
    }
    return true;
}

namespace {

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

bool Application::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_window.get() && event->type() == QEvent::Paint && !m_reportedPaint) {
        m_reportedPaint = true;
        std::fprintf(stdout, "first paint after %.0f ms with %d routes loaded\n",
            msSinceProcessStart(), m_window->document()->routeCount());
        std::fflush(stdout);
        // Idle: let the start-up settle, then read the resident set.
        QTimer::singleShot(3000, this, [this] {
            std::fprintf(stdout, "idle RSS %lld KiB\n", static_cast<long long>(residentKiB()));
            std::fflush(stdout);
            m_window->close();
            QCoreApplication::exit(0);
        });
    }
    return QObject::eventFilter(watched, event);
}

bool Application::sendScreenshotRequest()
{
    WorkspaceDocument* document = m_window->document();
    ComposerPanel* composer = m_window->composer();
    const server::SavedRequest* saved = composer->savedModel()->request(
        composer->savedModel()->indexOf("users", "get-user.json"));
    if (!document->isOpen() || !saved || !m_window->serverController()->start())
        return false;
    server::KeyOptions options;
    options.tier = "pro";
    options.label = "docs";
    options.scopes = { "users:read" };
    server::NewKey key;
    std::string error;
    if (!server::createKey(document->workspace().server.environment, options,
            QDateTime::currentSecsSinceEpoch(), &key, &error))
        return false;
    std::vector<server::ApiKey> keys = document->keys();
    keys.push_back(key.record);
    document->setKeys(keys, tr("Create key"));
    m_window->serverController()->applyNow();
    m_window->secretStore()->store(
        QString::fromStdString(key.record.id), QString::fromStdString(key.secret));
    server::SavedRequest request = *saved;
    request.request.keyId = key.record.id;
    request.request.token.clear();
    composer->setRequest(request);
    connect(composer->sender(), &RequestSender::finished, this,
        [this] { QTimer::singleShot(kScreenshotDelayMs, this, &Application::takeScreenshot); });
    composer->send();
    return true;
}

namespace {

// The documentation's keys: one per tier of the demo (free, pro,
// enterprise), added to the workspace as one undo step.
bool createScreenshotKeys(WorkspaceDocument* document, std::vector<server::NewKey>* made)
{
    std::vector<server::ApiKey> keys = document->keys();
    const std::int64_t now = QDateTime::currentSecsSinceEpoch();
    const std::vector<std::pair<std::string, std::string>> wanted { { "free", "hobby-app" },
        { "pro", "acme-backend" }, { "enterprise", "bigco-batch" } };
    for (const auto& [tier, label] : wanted) {
        server::KeyOptions options;
        options.tier = tier;
        options.label = label;
        server::NewKey key;
        std::string error;
        if (!server::createKey(
                document->workspace().server.environment, options, now, &key, &error))
            return false;
        keys.push_back(key.record);
        made->push_back(key);
    }
    document->setKeys(keys, Application::tr("Create key"));
    return true;
}

} // namespace

bool Application::driveScreenshotTraffic()
{
    WorkspaceDocument* document = m_window->document();
    if (!document->isOpen() || !m_window->serverController()->start())
        return false;
    // A key per tier, so revenue, margin and quota burn have something to show.
    std::vector<server::NewKey> made;
    if (!createScreenshotKeys(document, &made))
        return false;
    for (const server::NewKey& key : made)
        m_screenshotKeys << QByteArray::fromStdString(key.secret);
    // Some upstream trouble and a model billed by the millisecond make the
    // error and cost charts worth looking at.
    for (int row = 0; row < document->routeCount(); ++row) {
        server::Route route = document->route(row);
        if (route.path == "/v1/metrics") {
            route.failure.percent = 4;
            route.failure.status = 503;
        } else if (route.path == "/generate") {
            route.access.costPerMsMicros = 12;
        } else {
            continue;
        }
        document->setRoute(row, route, {}, tr("Change route"));
    }
    m_window->serverController()->applyNow();
    m_window->metricsPanel()->setWindow(MetricsPanel::LiveMinuteWindow);
    // Six panels want the whole screen.
    if (const QScreen* screen = m_window->screen())
        m_window->resize(screen->availableSize());
    // The charts are the picture; the traffic log below them just shows it is busy.
    if (auto* dock = m_window->findChild<QDockWidget*>(QStringLiteral("trafficDock")))
        m_window->resizeDocks({ dock }, { 150 }, Qt::Vertical);

    m_network = new QNetworkAccessManager(this);
    m_network->setProxy(QNetworkProxy::NoProxy);
    auto* timer = new QTimer(this);
    timer->setInterval(kTrafficTickMs);
    auto tick = std::make_shared<int>(0);
    connect(timer, &QTimer::timeout, this, [this, timer, tick] {
        if (*tick * kTrafficTickMs >= kTrafficMs) {
            timer->stop();
            QTimer::singleShot(kTrafficSettleMs, this, [this] {
                const MetricsPanel* panel = m_window->metricsPanel();
                std::fprintf(stdout,
                    "metrics updates on the GUI thread: %d, %.2f ms on average, %.2f ms at "
                    "most, %d over 8 ms\n",
                    panel->updateCount(), panel->averageUpdateMs(), panel->maxUpdateMs(),
                    panel->slowUpdateCount());
                takeScreenshot();
            });
            return;
        }
        sendScreenshotTraffic((*tick)++);
    });
    timer->start();
    return true;
}

void Application::sendScreenshotTraffic(int tick)
{
    // A load that swells and ebbs, so the rate chart has a shape: 60
    // requests a second on average, the pro key's share of it near its
    // tier's 1000 a minute.
    const double t = double(tick * kTrafficTickMs) / 1000.0;
    const int count
        = std::max(0, int(std::lround(1.5 + 1.2 * std::sin(t / 5.0) + 0.6 * std::sin(t * 1.3))));
    const QString base = m_window->serverController()->baseUrl();
    struct Call {
        const char* method;
        const char* path;
        int key; // index into m_screenshotKeys (free, pro, enterprise), -1 = none
        const char* body;
    };
    // Mostly answers, a few client mistakes (404, 400, 422); the free key
    // also calls on its own below, a little faster than its tier allows.
    static constexpr Call kCalls[] = {
        { "GET", "/health", -1, nullptr },
        { "GET", "/v1/users/42", 1, nullptr },
        { "GET", "/v1/models", -1, nullptr },
        { "GET", "/v1/metrics?window=1h", 2, nullptr },
        { "GET", "/v1/users/42", 2, nullptr },
        { "POST", "/generate", 1, "{\"prompt\":\"a tagline for a budget app\"}" },
        { "GET", "/health", -1, nullptr },
        { "GET", "/v1/metrics?window=24h", 2, nullptr },
        { "GET", "/v1/users/17", 2, nullptr },
        { "GET", "/v1/models", -1, nullptr },
        { "POST", "/generate", 2, "{\"prompt\":\"release notes\"}" },
        { "GET", "/v1/users/0", 1, nullptr },
        { "GET", "/v1/metrics?window=7d", 2, nullptr },
        { "GET", "/v1/users/42", 2, nullptr },
        { "GET", "/health", -1, nullptr },
        { "GET", "/v1/users/5", 2, nullptr },
        { "GET", "/v1/metrics?window=1h", 1, nullptr },
        { "POST", "/generate", 2, "{\"prompt\":\"a haiku about queues\"}" },
        { "GET", "/v1/metrics?window=2w", 2, nullptr },
        { "GET", "/v1/users/42", 2, nullptr },
        { "GET", "/v2/users", -1, nullptr },
        { "GET", "/v1/models", -1, nullptr },
        { "POST", "/generate", 2, "{}" },
        { "GET", "/v1/users/8", 2, nullptr },
        { "GET", "/health", -1, nullptr },
        { "GET", "/v1/users/12", 2, nullptr },
        { "GET", "/v1/metrics?window=24h", 2, nullptr },
        { "GET", "/v1/models", -1, nullptr },
        { "GET", "/v1/users/3", 1, nullptr },
        { "POST", "/generate", 2, "{\"prompt\":\"pricing page copy\"}" },
        { "GET", "/v1/users/42", 2, nullptr },
        { "GET", "/health", -1, nullptr },
        { "GET", "/v1/metrics?window=1h", 2, nullptr },
        { "GET", "/v1/users/21", 2, nullptr },
        { "GET", "/v1/models", -1, nullptr },
        { "GET", "/v1/users/42", 2, nullptr },
    };
    static constexpr Call kFree[] = {
        { "GET", "/v1/users/7", 0, nullptr },
        { "POST", "/generate", 0, "{\"prompt\":\"hello\"}" },
        { "GET", "/v1/metrics?window=1h", 0, nullptr },
    };
    const auto send = [this, &base](const Call& call) {
        QNetworkRequest request(QUrl(base + QLatin1String(call.path)));
        if (call.key >= 0 && call.key < m_screenshotKeys.size())
            request.setRawHeader("X-API-Key", m_screenshotKeys[call.key]);
        QNetworkReply* reply = nullptr;
        if (call.body) {
            request.setHeader(
                QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
            reply = m_network->post(request, QByteArray(call.body));
        } else {
            reply = m_network->get(request);
        }
        connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
    };
    for (int i = 0; i < count; ++i)
        send(kCalls[std::size_t(m_trafficSent++) % std::size(kCalls)]);
    // About 2.2 requests a second against the free tier's 100 a minute.
    if (tick % 18 == 0)
        send(kFree[std::size_t(tick / 18) % std::size(kFree)]);
}

bool Application::driveLoadScreenshot()
{
    WorkspaceDocument* document = m_window->document();
    if (!document->isOpen() || !m_window->serverController()->start())
        return false;
    // The metrics screenshot's keys, their secrets where the app keeps the
    // ones it made, so the key pool offers them.
    std::vector<server::NewKey> made;
    if (!createScreenshotKeys(document, &made))
        return false;
    for (const server::NewKey& key : made)
        m_window->secretStore()->store(
            QString::fromStdString(key.record.id), QString::fromStdString(key.secret));
    m_window->serverController()->applyNow();

    LoadPanel* panel = m_window->loadPanel();
    // 300 requests a second across the demo's routes and three tiers: the
    // free and pro keys run into their limits, enterprise does not.
    server::LoadSettings s = panel->currentSettings();
    s.model = server::LoadModel::Open;
    s.rate = 300;
    s.connections = 64;
    s.durationSeconds = 30;
    s.requestCount = 0;
    s.warmupSeconds = 2;
    s.rampUpSeconds = 0;
    s.timeoutSeconds = 10;
    panel->settingsForm()->setSettings(s);
    LoadMixModel* mix = panel->mixModel();
    for (int row = 0; row < mix->rowCount(); ++row) {
        server::LoadTarget t = mix->row(row).target;
        if (t.path == "/v1/metrics")
            t.path += "?window=24h";
        t.weight = t.path.starts_with("/v1/users") ? 3 : t.method == "POST" ? 1 : 2;
        mix->setTarget(row, t);
        mix->setEnabled(row, true);
    }
    LoadKeyPoolModel* pool = panel->keyModel();
    const std::vector<std::pair<std::string, double>> weights { { "free", 1 }, { "pro", 2 },
        { "enterprise", 5 } };
    for (const server::NewKey& key : made) {
        double weight = 1;
        for (const auto& [tier, w] : weights) {
            if (tier == key.record.tier)
                weight = w;
        }
        pool->setChoice(QString::fromStdString(key.record.id), { true, weight });
    }
    pool->setAnonymousChoice({ true, 2 });

    if (const QScreen* screen = m_window->screen())
        m_window->resize(screen->availableSize());
    if (auto* dock = m_window->findChild<QDockWidget*>(QStringLiteral("trafficDock")))
        m_window->resizeDocks({ dock }, { 130 }, Qt::Vertical);

    // Grab once enough seconds are drawn (the panel says when it drew some),
    // not after a guessed sleep.
    auto done = std::make_shared<bool>(false);
    const auto grab = [this, done] {
        if (*done)
            return;
        *done = true;
        // A moment for the charts to paint the last second.
        QTimer::singleShot(400, this, &Application::takeScreenshot);
    };
    connect(panel, &LoadPanel::progressed, this, [panel, grab] {
        if (panel->liveSeconds() >= kLoadSecondsShown)
            grab();
    });
    connect(panel, &LoadPanel::finished, this, grab);
    QTimer::singleShot(kLoadScreenshotTimeoutMs, this, grab);
    if (!panel->start()) {
        std::fprintf(stderr, "tollgate: the load run did not start: %s\n",
            qPrintable(panel->problems().join(QStringLiteral("; "))));
        return false;
    }
    return true;
}

void Application::takeScreenshot()
{
    const QPixmap pixmap = m_window->grab();
    const bool ok = pixmap.save(m_screenshot, "PNG");
    if (ok)
        std::fprintf(stdout, "%s\n", qPrintable(QDir::toNativeSeparators(m_screenshot)));
    else
        std::fprintf(stderr, "tollgate: cannot write %s\n", qPrintable(m_screenshot));
    m_window->close();
    QCoreApplication::exit(ok ? 0 : 1);
}

} // namespace tollgate::ui
