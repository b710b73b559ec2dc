#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <QWidget>

#include <functional>
#include <string>
#include <vector>

namespace tollgate::ui {
class MainWindow;
}

namespace tollgate::app {

/// Takes a documentation screenshot: sets the shown page up the way the
/// docs picture it, saves a PNG of the window and quits (exit code 0, or 1
/// when the file could not be written).
///
/// Routes and Keys: the first route selected. Requests: a keyed request
/// and its answer, rate-limit headers decoded. Metrics: the panel after 45 s
/// of traffic from three tiers. Load: a run across three tiers, live.
/// Upstream (runUpstream): a route answered by another route of the same
/// server, its Upstream tab after some traffic and a test. SSE (runSse): a
/// route streaming a job's progress as scripted events, its Stream tab.
/// Route WebSocket (runRouteWebSocket): the demo's live-updates WebSocket
/// route (added when the workspace has none), its WebSocket tab.
/// Stream (runStream, screenshotstream.cpp): the Requests page with the
/// demo's chat completion streaming in, its events and text so far.
/// WebSocket (runWebSocket): the Requests page in a live session with a
/// job feed this tool serves itself, a JSON subscription sent.
/// Where a page
/// cannot be set up (no workspace, say) the window is taken as it is.
class ScreenshotDriver final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScreenshotDriver)

public:
    ScreenshotDriver(ui::MainWindow* window, QString file, QObject* parent = nullptr);

    /// Starts with the window's current page.
    void run();
    /// The Routes page on an upstream route's Upstream tab.
    void runUpstream();
    /// The Routes page on an SSE route's Stream tab.
    void runSse();
    /// The Routes page on a WebSocket route's WebSocket tab.
    void runRouteWebSocket();
    /// The Requests page while a token stream arrives.
    void runStream();
    /// The Requests page in a WebSocket session.
    void runWebSocket();
    /// The collection runner's window after a data-driven run (--page runner).
    void runRunner();
    /// The import preview of file over the window; the PNG shows the dialog.
    void runImport(const QString& file);
    /// The export preview of format ("openapi", "fastapi", "history-har",
    /// "traffic-har") to its default destination; the PNG shows the dialog.
    void runExport(const QString& format);

private:
    void whenServing(std::function<void()> then);
    void whenApplied(std::function<void()> then);
    /// A key of `tier` added to the open workspace as the Keys page adds
    /// one, its secret in the app's store; false when it could not be made.
    bool addKey(const std::string& tier, const std::string& label, std::string* id,
        std::string* secret, std::vector<std::string> scopes = {});
    bool sendRequest();
    bool driveTraffic();
    bool driveLoad();
    bool driveUpstream();
    bool driveSse();
    bool driveRouteWebSocket();
    bool driveStream();
    bool driveWebSocket();
    bool driveRunner();
    void sendUpstreamTraffic(const QString& url, int count);
    void fitToScreen(int trafficLogHeight);
    void grabAfter(int ms);
    void takeScreenshot();

    ui::MainWindow* m_window;
    QString m_file;
    /// What the PNG shows, when not the window (a dialog).
    QPointer<QWidget> m_subject;
    bool m_grabbing = false;
};

} // namespace tollgate::app
