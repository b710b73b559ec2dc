// tollgate-screenshot: the window as the documentation and the benchmarks
// see it. Starts like tollgate (same settings, workspace choice and theme),
// then takes a screenshot of a page set up the way the docs show it, or
// reports start-up time and memory (bench/gui.sh), or the Metrics page's
// update times under load (bench/metrics-gui.sh). Never part of tollgate.

#include "app/gui/application.h"
#include "app/screenshot/metricsreport.h"
#include "app/screenshot/screenshotdriver.h"
#include "app/screenshot/startupreport.h"
#include "ui/engine/servercontroller.h"
#include "ui/shell/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>

#include <algorithm>
#include <cstdio>

// The options' texts keep the translation context they had when tollgate
// itself took them (tollgate::ui::Application).

namespace {

using tollgate::ui::MainWindow;

bool pageFromName(const QString& name, MainWindow::Page* page)
{
    const std::pair<const char*, MainWindow::Page> pages[] = { { "routes", MainWindow::RoutesPage },
        { "keys", MainWindow::KeysPage }, { "requests", MainWindow::RequestsPage },
        { "metrics", MainWindow::MetricsPage }, { "load", MainWindow::LoadPage } };
    for (const auto& [key, value] : pages) {
        if (name == QLatin1String(key)) {
            *page = value;
            return true;
        }
    }
    return false;
}

} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    tollgate::app::Application::setIdentity();
    tollgate::app::Application tollgate;
    tollgate.installTranslations();

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("tollgate::ui::Application",
        "Tollgate's window for the documentation and the benchmarks: a screenshot of a page, "
        "or start-up and update timings."));
    parser.addHelpOption();
    parser.addVersionOption();
    tollgate.addOptions(&parser);
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
        QCoreApplication::translate(
            "tollgate::ui::Application", "Save a PNG of the window to <file> and quit."),
        QCoreApplication::translate("tollgate::ui::Application", "file"));
    const QCommandLineOption page(QStringLiteral("page"),
        QCoreApplication::translate("tollgate::ui::Application",
            "Show the <page> page first: routes, keys, requests, metrics or load (or upstream, "
            "sse: the Routes page on an upstream or an SSE route; stream: the Requests page "
            "receiving a token stream; websocket: the Requests page in a WebSocket session; "
            "route-websocket: the Routes page on a WebSocket route)."),
        QCoreApplication::translate("tollgate::ui::Application", "page"));
    const QCommandLineOption startupReport(QStringLiteral("startup-report"),
        QCoreApplication::translate(
            "tollgate::ui::Application", "Print start-up time and idle memory, then quit."));
    const QCommandLineOption metricsReport(QStringLiteral("metrics-report"),
        QCoreApplication::translate("tollgate::ui::Application",
            "Show the Metrics page for <seconds>, print its update times, then quit."),
        QCoreApplication::translate("tollgate::ui::Application", "seconds"));
    const QCommandLineOption importPreview(QStringLiteral("import"),
        QCoreApplication::translate("tollgate::ui::Application",
            "With --screenshot: show the import preview of <file> and take that instead of the "
            "window."),
        QCoreApplication::translate("tollgate::ui::Application", "file"));
    const QCommandLineOption exportPreview(QStringLiteral("export"),
        QCoreApplication::translate("tollgate::ui::Application",
            "With --screenshot: show the export preview of <format> (openapi, fastapi, "
            "history-har or traffic-har) and take that instead of the window."),
        QCoreApplication::translate("tollgate::ui::Application", "format"));
    const QCommandLineOption https(QStringLiteral("https"),
        QCoreApplication::translate("tollgate::ui::Application",
            "Serve the workspace over HTTPS (the app's local certificate authority, made in the "
            "data folder when there is none)."));
    parser.addOptions({ screenshot, page, startupReport, metricsReport, importPreview,
        exportPreview, https });
    parser.process(app);
    tollgate.readOptions(parser);

    MainWindow::Page first = MainWindow::RoutesPage;
    const bool upstream = parser.value(page) == QLatin1String("upstream");
    const bool sse = parser.value(page) == QLatin1String("sse");
    const bool stream = parser.value(page) == QLatin1String("stream");
    const bool webSocket = parser.value(page) == QLatin1String("websocket");
    const bool routeWebSocket = parser.value(page) == QLatin1String("route-websocket");
    const bool runner = parser.value(page) == QLatin1String("runner");
    if (parser.isSet(page) && !upstream && !sse && !stream && !webSocket && !routeWebSocket
        && !runner
        && !pageFromName(parser.value(page), &first)) {
        std::fprintf(
            stderr, "tollgate-screenshot: unknown page %s\n", qPrintable(parser.value(page)));
        return 2;
    }
    if (stream || webSocket || runner)
        first = MainWindow::RequestsPage;
    const int metricsSeconds = std::max(0, parser.value(metricsReport).toInt());
    if (!parser.isSet(screenshot) && !parser.isSet(startupReport) && metricsSeconds == 0) {
        std::fprintf(stderr,
            "tollgate-screenshot: nothing to do: give --screenshot, --startup-report or "
            "--metrics-report (see --help)\n");
        return 2;
    }

    tollgate.showMainWindow();
    MainWindow* window = tollgate.window();
    if (parser.isSet(https))
        window->serverController()->setHttps(true);
    window->showPage(first);
    if (parser.isSet(startupReport))
        new tollgate::app::StartupReport(window, &tollgate);
    if (metricsSeconds > 0) {
        auto* report = new tollgate::app::MetricsReport(window, &tollgate);
        report->start(metricsSeconds);
    } else if (parser.isSet(screenshot)) {
        auto* driver
            = new tollgate::app::ScreenshotDriver(window, parser.value(screenshot), &tollgate);
        if (parser.isSet(importPreview))
            driver->runImport(parser.value(importPreview));
        else if (parser.isSet(exportPreview))
            driver->runExport(parser.value(exportPreview));
        else if (upstream)
            driver->runUpstream();
        else if (sse)
            driver->runSse();
        else if (stream)
            driver->runStream();
        else if (webSocket)
            driver->runWebSocket();
        else if (routeWebSocket)
            driver->runRouteWebSocket();
        else if (runner)
            driver->runRunner();
        else
            driver->run();
    }
    return QApplication::exec();
}
