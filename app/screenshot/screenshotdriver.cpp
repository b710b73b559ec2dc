#include "app/screenshot/screenshotdriver.h"

#include "app/screenshot/screenshottraffic.h"
#include "server/access/apikey.h"
#include "ui/common/secretstore.h"
#include "ui/common/upstreamsecrets.h"
#include "ui/document/workspacedocument.h"
#include "ui/engine/servercontroller.h"
#include "ui/load/loadkeypoolmodel.h"
#include "ui/load/loadmixmodel.h"
#include "ui/load/loadpanel.h"
#include "ui/load/loadsettingsform.h"
#include "ui/load/loadsettingsside.h"
#include "ui/load/loadthresholdseditor.h"
#include "ui/metrics/metricspanel.h"
#include "ui/requests/composerpanel.h"
#include "ui/requests/requestsender.h"
#include "ui/requests/savedrequestmodel.h"
#include "ui/requests/websocketlogmodel.h"
#include "ui/requests/websocketsession.h"
#include "ui/requests/websocketview.h"
#include "ui/routes/routeeditor.h"
#include "ui/shell/exportdialog.h"
#include "ui/shell/importdialog.h"
#include "ui/shell/mainwindow.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPushButton>
#include <QScreen>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketServer>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <memory>
#include <utility>
#include <vector>

namespace tollgate::app {

namespace {

using ui::MainWindow;

// Time for the window to be laid out, painted and for the first route's
// editor to settle before the screenshot is grabbed.
constexpr int kSettleMs = 700;
// The metrics screenshot: traffic for this long, then a pause for the last
// numbers to reach the charts.
constexpr int kTrafficMs = 45'000;
constexpr int kTrafficSettleMs = 1500;
// The load screenshot: grabbed once the run has ended and its summary
// (thresholds and all) is shown, or after the timeout whatever it drew.
constexpr int kLoadTimeoutMs = 60'000;
// The WebSocket screenshot: grabbed once the welcome, the subscription and
// this many progress events are in, or after the timeout whatever came.
constexpr int kJobSteps = 4;
constexpr int kWebSocketTimeoutMs = 10'000;
// The upstream screenshot: requests through the upstream route, a few at a
// time, then a test of the upstream.
constexpr int kUpstreamRequests = 120;
constexpr int kUpstreamInFlight = 4;
constexpr int kUpstreamTimeoutMs = 60'000;

// The documentation's keys: one per tier of the demo (free, pro,
// enterprise), added to the workspace as one undo step.
bool createTierKeys(ui::WorkspaceDocument* document, std::vector<server::NewKey>* made)
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
    document->setKeys(keys, QCoreApplication::translate("tollgate::ui::Application", "Create key"));
    return true;
}

} // namespace

ScreenshotDriver::ScreenshotDriver(ui::MainWindow* window, QString file, QObject* parent)
    : QObject(parent)
    , m_window(window)
    , m_file(std::move(file))
{
}

void ScreenshotDriver::run()
{
    bool driven = false;
    switch (m_window->currentPage()) {
    case MainWindow::RequestsPage:
        driven = sendRequest();
        break;
    case MainWindow::MetricsPage:
        driven = driveTraffic();
        break;
    case MainWindow::LoadPage:
        driven = driveLoad();
        break;
    case MainWindow::RoutesPage:
    case MainWindow::KeysPage:
        break;
    }
    if (driven)
        return;
    if (m_window->document()->routeCount() > 0)
        m_window->selectRoute(0);
    grabAfter(kSettleMs);
}

void ScreenshotDriver::runUpstream()
{
    if (driveUpstream())
        return;
    grabAfter(kSettleMs);
}

void ScreenshotDriver::runSse()
{
    if (driveSse())
        return;
    grabAfter(kSettleMs);
}

void ScreenshotDriver::runRouteWebSocket()
{
    if (driveRouteWebSocket())
        return;
    grabAfter(kSettleMs);
}

void ScreenshotDriver::runWebSocket()
{
    if (driveWebSocket())
        return;
    grabAfter(kSettleMs);
}

void ScreenshotDriver::runImport(const QString& file)
{
    if (!m_window->document()->isOpen()) {
        grabAfter(kSettleMs);
        return;
    }
    auto* dialog = new ui::ImportDialog(m_window->document(), file, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    m_subject = dialog;
    grabAfter(kSettleMs);
}

void ScreenshotDriver::runExport(const QString& format)
{
    if (!m_window->document()->isOpen()) {
        grabAfter(kSettleMs);
        return;
    }
    auto* dialog = new ui::ExportDialog(m_window->document(), m_window->trafficModel(), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const std::pair<const char*, ui::ExportDialog::Format> formats[] = {
        { "openapi", ui::ExportDialog::OpenApi },
        { "fastapi", ui::ExportDialog::FastApi },
        { "history-har", ui::ExportDialog::HistoryHar },
        { "traffic-har", ui::ExportDialog::TrafficHar },
    };
    for (const auto& [name, value] : formats) {
        if (format == QLatin1String(name))
            dialog->setFormat(value);
    }
    dialog->show();
    m_subject = dialog;
    grabAfter(kSettleMs);
}

bool ScreenshotDriver::driveUpstream()
{
    ui::WorkspaceDocument* document = m_window->document();
    int models = -1;
    for (int row = 0; row < document->routeCount(); ++row) {
        if (document->route(row).path == "/v1/models")
            models = row;
    }
    if (!document->isOpen() || models < 0)
        return false;
    const QString undoText
        = QCoreApplication::translate("tollgate::ui::Application", "Change route");
    // The backend: the demo's model list, a little slow and now and then
    // busy, so latency and retries have something to show.
    server::Route backend = document->route(models);
    backend.latency = { 4, 30 };
    backend.failure.percent = 12;
    backend.failure.status = 503;
    document->setRoute(models, backend, {}, undoText);
    // The secret the upstream route sends, as the user keeps it in the app.
    m_window->upstreamSecrets()->store(
        QStringLiteral("MODELS_TOKEN"), QStringLiteral("demo-backend-token"));
    fitToScreen(170);
    whenServing([this, document, undoText] {
        // A new version of the endpoint, answered by the current one for
        // now: an upstream on this very server (loopback, allowed in the app).
        server::Route route;
        route.method = "GET";
        route.path = "/v2/models";
        route.description = "The v2 catalogue, answered by the v1 backend until v2 is built.";
        route.responses.front().label = "Catalogue unavailable";
        route.responses.front().status = 503;
        route.responses.front().body = "{\"error\":\"the catalogue is being rebuilt\"}";
        route.responder = server::RouteResponder::Upstream;
        server::Upstream& u = route.upstream;
        u.url = m_window->serverController()->baseUrl().toStdString() + "/v1";
        u.pathTemplate = "/models";
        u.headers = { { server::UpstreamHeader::Action::Set, "Authorization", "", "MODELS_TOKEN" },
            { server::UpstreamHeader::Action::Add, "X-Api-Version", "2", "" },
            { server::UpstreamHeader::Action::Remove, "Cookie", "", "" } };
        u.connectTimeoutMs = 1000;
        u.attemptTimeoutMs = 3000;
        u.overallTimeoutMs = 8000;
        u.retryBaseDelayMs = 20;
        u.retryMaxDelayMs = 400;
        u.openResponse = 0;
        u.maxConnections = 16;
        u.feeMicros = 150;
        const int row = document->routeCount();
        document->insertRoute(row, route, undoText);
        // It opens on its Upstream tab.
        m_window->selectRoute(row);
        const QString url = m_window->serverController()->baseUrl() + QStringLiteral("/v2/models");
        whenApplied([this, url] { sendUpstreamTraffic(url, kUpstreamRequests); });
    });
    QTimer::singleShot(kUpstreamTimeoutMs, this, [this] { grabAfter(0); });
    return true;
}

bool ScreenshotDriver::driveSse()
{
    ui::WorkspaceDocument* document = m_window->document();
    if (!document->isOpen())
        return false;
    // A job's progress as the demo's clients would follow it: a status, the
    // progress, and the end, each event numbered so a client can resume.
    server::Route route;
    route.method = "GET";
    route.path = "/v1/jobs/{id}/events";
    route.description = "Follows a generation job: its status and progress as Server-Sent Events.";
    route.responder = server::RouteResponder::Sse;
    server::SseStream& s = route.sse;
    const auto event = [](std::string type, std::string data, int retryMs, int delayMs) {
        return server::SseEvent { std::move(type), std::move(data), "{{stream.index}}", retryMs,
            delayMs };
    };
    s.events = {
        event("status", R"({"job": "{{request.params.id}}", "state": "queued"})", 3000, 0),
        event("progress", R"({"job": "{{request.params.id}}", "percent": 25})", 0, 800),
        event("progress", R"({"job": "{{request.params.id}}", "percent": 70})", 0, 800),
        event("progress", R"({"job": "{{request.params.id}}", "percent": 100})", 0, 600),
        event("status",
            R"({"job": "{{request.params.id}}", "state": "done", "finishedAt": "{{now}}"})", 0,
            200),
    };
    s.heartbeatMs = 10'000;
    const int row = document->routeCount();
    document->insertRoute(
        row, route, QCoreApplication::translate("tollgate::ui::Application", "Change route"));
    fitToScreen(150);
    // It opens on its Stream tab.
    m_window->selectRoute(row);
    grabAfter(kSettleMs);
    return true;
}

bool ScreenshotDriver::driveRouteWebSocket()
{
    ui::WorkspaceDocument* document = m_window->document();
    if (!document->isOpen())
        return false;
    // The demo's live updates, when it has them; otherwise the same route,
    // made here: a welcome and a tick on open, ping answered with pong, chat
    // sent to everyone connected, bye answered and closed, echo for the rest.
    int row = -1;
    for (int i = 0; i < document->routeCount(); ++i) {
        const server::Route& r = document->route(i);
        if (r.responder == server::RouteResponder::WebSocket && r.path == "/v1/live")
            row = i;
    }
    if (row < 0) {
        server::Route route;
        route.method = "GET";
        route.path = "/v1/live";
        route.description = "Live updates: a welcome, pings answered, chat to everyone.";
        route.responder = server::RouteResponder::WebSocket;
        server::WsScript& s = route.websocket;
        s.onOpen = {
            { R"({"type": "welcome", "path": "{{request.path}}", "at": "{{now}}"})", 0 },
            { R"({"type": "tick", "n": {{stream.index}}})", 1000 },
        };
        const auto rule = [](server::WsMatch match, std::string pointer, std::string value,
                              std::vector<server::WsMessage> replies) {
            server::WsRule r;
            r.match = match;
            r.pointer = std::move(pointer);
            r.value = std::move(value);
            r.replies = std::move(replies);
            return r;
        };
        s.rules = {
            rule(server::WsMatch::Equals, "/type", "ping",
                { { R"({"type": "pong", "n": {{stream.index}}})", 0 } }),
            rule(server::WsMatch::Equals, "/type", "chat",
                { { R"({"type": "chat", "from": "{{request.query.name}}", )"
                    R"("text": "{{message.json.text}}"})",
                    0 } }),
            rule(server::WsMatch::Regex, "", "^(bye|quit)$",
                { { R"({"type": "bye", "after": {{stream.index}}})", 0 },
                    { R"({"type": "closing"})", 200 } }),
        };
        s.rules[1].audience = server::WsAudience::Everyone;
        s.rules[2].closeCode = 1000;
        s.rules[2].closeReason = "client said goodbye";
        s.idleTimeoutMs = 60'000;
        row = document->routeCount();
        document->insertRoute(
            row, route, QCoreApplication::translate("tollgate::ui::Application", "Change route"));
    }
    fitToScreen(150);
    // It opens on its WebSocket tab; the rule with the most replies shows
    // them under the rules.
    m_window->selectRoute(row);
    const std::vector<server::WsRule>& rules = document->route(row).websocket.rules;
    const auto most = std::max_element(rules.begin(), rules.end(),
        [](const auto& a, const auto& b) { return a.replies.size() < b.replies.size(); });
    auto* view = m_window->routeEditor()->findChild<QTableView*>(QStringLiteral("wsRulesView"));
    if (view && most != rules.end())
        view->selectRow(int(most - rules.begin()));
    grabAfter(kSettleMs);
    return true;
}

void ScreenshotDriver::sendUpstreamTraffic(const QString& url, int count)
{
    auto* network = new QNetworkAccessManager(this);
    network->setProxy(QNetworkProxy::NoProxy);
    auto sent = std::make_shared<int>(0);
    auto done = std::make_shared<int>(0);
    auto next = std::make_shared<std::function<void()>>();
    *next = [this, network, url, count, sent, done, next] {
        if (*sent >= count)
            return;
        ++*sent;
        QNetworkReply* reply = network->get(QNetworkRequest(QUrl(url)));
        connect(reply, &QNetworkReply::finished, this, [this, reply, count, done, next] {
            reply->deleteLater();
            if (++*done < count) {
                (*next)();
                return;
            }
            // The figures are polled; the test is what the picture ends on.
            ui::ServerController* server = m_window->serverController();
            connect(
                server, &ui::ServerController::upstreamChanged, this,
                [this] {
                    auto* test = m_window->routeEditor()->findChild<QPushButton*>(
                        QStringLiteral("testUpstreamButton"));
                    if (!test || !test->isEnabled() || m_grabbing)
                        return;
                    connect(m_window->serverController(), &ui::ServerController::upstreamTested,
                        this, [this] { grabAfter(kSettleMs); });
                    test->click();
                },
                Qt::SingleShotConnection);
        });
    };
    for (int i = 0; i < kUpstreamInFlight; ++i)
        (*next)();
}

void ScreenshotDriver::whenServing(std::function<void()> then)
{
    ui::ServerController* server = m_window->serverController();
    if (server->isRunning()) {
        then();
        return;
    }
    connect(
        server, &ui::ServerController::started, this, std::move(then), Qt::SingleShotConnection);
    connect(
        server, &ui::ServerController::startFailed, this,
        [this](const QString& error) {
            std::fprintf(
                stderr, "tollgate-screenshot: the server did not start: %s\n", qPrintable(error));
            grabAfter(0);
        },
        Qt::SingleShotConnection);
    server->start();
}

bool ScreenshotDriver::addKey(const std::string& tier, const std::string& label, std::string* id,
    std::string* secret, std::vector<std::string> scopes)
{
    ui::WorkspaceDocument* document = m_window->document();
    server::KeyOptions options;
    options.tier = tier;
    options.label = label;
    options.scopes = std::move(scopes);
    server::NewKey key;
    std::string error;
    if (!server::createKey(document->workspace().server.environment, options,
            QDateTime::currentSecsSinceEpoch(), &key, &error))
        return false;
    std::vector<server::ApiKey> keys = document->keys();
    keys.push_back(key.record);
    document->setKeys(keys, QCoreApplication::translate("tollgate::ui::Application", "Create key"));
    m_window->secretStore()->store(
        QString::fromStdString(key.record.id), QString::fromStdString(key.secret));
    *id = key.record.id;
    *secret = key.secret;
    return true;
}

void ScreenshotDriver::whenApplied(std::function<void()> then)
{
    ui::ServerController* server = m_window->serverController();
    connect(
        server, &ui::ServerController::applied, this, std::move(then), Qt::SingleShotConnection);
    server->applyNow();
}

bool ScreenshotDriver::sendRequest()
{
    ui::WorkspaceDocument* document = m_window->document();
    ui::ComposerPanel* composer = m_window->composer();
    const server::SavedRequest* saved = composer->savedModel()->request(
        composer->savedModel()->indexOf("users", "get-user.json"));
    if (!document->isOpen() || !saved)
        return false;
    std::string keyId, secret;
    if (!addKey("pro", "docs", &keyId, &secret, { "users:read" }))
        return false;
    server::SavedRequest request = *saved;
    request.request.keyId = keyId;
    request.request.token.clear();
    composer->setRequest(request);
    whenServing([this, composer] {
        // The key must be served before the request goes out.
        whenApplied([this, composer] {
            connect(composer->sender(), &ui::RequestSender::finished, this, [this, composer] {
                // The saved request's tests, with what the answer gave them.
                if (auto* tabs = composer->findChild<QTabWidget*>(QStringLiteral("requestTabs")))
                    tabs->setCurrentIndex(tabs->count() - 1);
                // Room for every assertion, as a user would drag the splitter.
                if (auto* split
                    = composer->findChild<QSplitter*>(QStringLiteral("composerSplitter")))
                    split->setSizes({ 470, std::max(0, split->height() - 470) });
                grabAfter(kSettleMs);
            });
            composer->send();
        });
    });
    return true;
}

bool ScreenshotDriver::driveWebSocket()
{
    // The peer is a QWebSocketServer in this process on a loopback port: a
    // job feed that welcomes each connection, answers a subscription with
    // the job's progress and echoes anything else.
    auto* feed = new QWebSocketServer(
        QStringLiteral("tollgate-screenshot"), QWebSocketServer::NonSecureMode, this);
    if (!feed->listen(QHostAddress::LocalHost, 0))
        return false;
    connect(feed, &QWebSocketServer::newConnection, this, [feed] {
        QWebSocket* peer = feed->nextPendingConnection();
        peer->setParent(feed);
        peer->sendTextMessage(
            QStringLiteral(R"({"type":"welcome","session":"s_7f3a91","heartbeat_ms":15000})"));
        connect(peer, &QWebSocket::textMessageReceived, peer, [peer](const QString& text) {
            if (!text.contains(QLatin1String("subscribe"))) {
                peer->sendTextMessage(text);
                return;
            }
            peer->sendTextMessage(
                QStringLiteral(R"({"type":"subscribed","channel":"jobs","job":"job_42"})"));
            for (int step = 1; step <= kJobSteps; ++step) {
                QTimer::singleShot(60 * step, peer, [peer, step] {
                    peer->sendTextMessage(
                        QStringLiteral(R"({"type":"job.progress","job":"job_42","percent":%1,)"
                                       R"("stage":"%2","eta_ms":%3})")
                            .arg(step * 100 / kJobSteps)
                            .arg(step < kJobSteps ? QStringLiteral("render")
                                                  : QStringLiteral("done"))
                            .arg((kJobSteps - step) * 1200));
                });
            }
        });
    });

    ui::ComposerPanel* composer = m_window->composer();
    server::SavedRequest request;
    server::ComposerRequest& r = request.request;
    r.url = QStringLiteral("ws://127.0.0.1:%1/v1/jobs/live").arg(feed->serverPort()).toStdString();
    r.auth = server::ComposerRequest::AuthKind::Bearer;
    r.token = "docs-token";
    r.connectTimeoutMs = 10'000;
    composer->setRequest(request);
    fitToScreen(110);
    // The request's row on top, the session with most of the room.
    if (auto* split = composer->findChild<QSplitter*>(QStringLiteral("composerSplitter")))
        split->setSizes({ 190, std::max(0, split->height() - 190) });

    ui::WebSocketSession* session = composer->webSocketSession();
    ui::WebSocketView* view = composer->webSocketView();
    connect(session, &ui::WebSocketSession::stateChanged, this, [view, session] {
        if (session->state() != ui::WebSocketSession::State::Open)
            return;
        view->setFormat(ui::WebSocketView::Format::Json);
        view->setMessage(QStringLiteral("{\n  \"op\": \"subscribe\",\n  \"channel\": "
                                        "\"jobs\",\n  \"job\": \"job_42\"\n}"));
        view->sendMessage();
    });
    connect(session->log(), &ui::WebSocketLogModel::countsChanged, this, [this, view, session] {
        if (m_grabbing || session->log()->receivedCount() < kJobSteps + 2)
            return;
        // A progress event picked, so it shows in full beside the log.
        if (auto* table = view->findChild<QTableView*>(QStringLiteral("webSocketLog")))
            table->selectRow(session->log()->rowCount() - 2);
        grabAfter(300);
    });
    QTimer::singleShot(kWebSocketTimeoutMs, this, [this] { grabAfter(0); });
    // Connect, as the button would.
    QTimer::singleShot(kSettleMs, composer, &ui::ComposerPanel::send);
    return true;
}

bool ScreenshotDriver::driveTraffic()
{
    ui::WorkspaceDocument* document = m_window->document();
    if (!document->isOpen())
        return false;
    // A key per tier, so revenue, margin and quota burn have something to show.
    std::vector<server::NewKey> made;
    if (!createTierKeys(document, &made))
        return false;
    QList<QByteArray> secrets;
    for (const server::NewKey& key : made)
        secrets << QByteArray::fromStdString(key.secret);
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
        document->setRoute(row, route, {},
            QCoreApplication::translate("tollgate::ui::Application", "Change route"));
    }
    m_window->metricsPanel()->setWindow(ui::MetricsPanel::LiveMinuteWindow);
    // Six panels want the whole screen; the charts are the picture, the
    // traffic log below them just shows it is busy.
    fitToScreen(150);
    whenServing([this, secrets] {
        whenApplied([this, secrets] {
            auto* traffic
                = new ScreenshotTraffic(m_window->serverController()->baseUrl(), secrets, this);
            connect(traffic, &ScreenshotTraffic::finished, this, [this] {
                QTimer::singleShot(kTrafficSettleMs, this, [this] {
                    const ui::MetricsPanel* panel = m_window->metricsPanel();
                    std::fprintf(stdout,
                        "metrics updates on the GUI thread: %d, %.2f ms on average, %.2f ms at "
                        "most, %d over 8 ms\n",
                        panel->updateCount(), panel->averageUpdateMs(), panel->maxUpdateMs(),
                        panel->slowUpdateCount());
                    takeScreenshot();
                });
            });
            traffic->start(kTrafficMs);
        });
    });
    return true;
}

bool ScreenshotDriver::driveLoad()
{
    ui::WorkspaceDocument* document = m_window->document();
    if (!document->isOpen())
        return false;
    // The metrics screenshot's keys, their secrets where the app keeps the
    // ones it made, so the key pool offers them.
    std::vector<server::NewKey> made;
    if (!createTierKeys(document, &made))
        return false;
    for (const server::NewKey& key : made)
        m_window->secretStore()->store(
            QString::fromStdString(key.record.id), QString::fromStdString(key.secret));

    ui::LoadPanel* panel = m_window->loadPanel();
    // 300 requests a second across the demo's routes and three tiers: the
    // free and pro keys run into their limits, enterprise does not. The
    // thresholds a team would set: p95, errors and the margin hold; the
    // free tier's 429s and the slow generation's p99 do not.
    server::LoadSettings s = panel->currentSettings();
    s.model = server::LoadModel::Open;
    s.rate = 300;
    s.connections = 64;
    s.durationSeconds = 12;
    s.requestCount = 0;
    s.warmupSeconds = 2;
    s.rampUpSeconds = 0;
    s.timeoutSeconds = 10;
    panel->settingsForm()->setSettings(s);
    panel->settingsSide()->thresholdsEditor()->setThresholds(
        { "p95<500ms", "p99<1s", "errors<1%", "margin>$0", "status429{tier=free}<5%" }, false);
    panel->settingsSide()->listTabs()->setCurrentIndex(ui::LoadSettingsSide::ThresholdsTab);
    ui::LoadMixModel* mix = panel->mixModel();
    for (int row = 0; row < mix->rowCount(); ++row) {
        server::LoadTarget t = mix->row(row).target;
        if (t.path == "/v1/metrics")
            t.path += "?window=24h";
        t.weight = t.path.starts_with("/v1/users") ? 3 : t.method == "POST" ? 1 : 2;
        mix->setTarget(row, t);
        mix->setEnabled(row, true);
    }
    ui::LoadKeyPoolModel* pool = panel->keyModel();
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
    fitToScreen(130);

    // Grab once the run has ended (the panel says so), not after a guessed
    // sleep; a moment more for the summary to paint.
    connect(panel, &ui::LoadPanel::finished, this, [this] { grabAfter(400); });
    QTimer::singleShot(kLoadTimeoutMs, this, [this] { grabAfter(400); });
    whenServing([this, panel] {
        whenApplied([this, panel] {
            if (panel->start())
                return;
            std::fprintf(stderr, "tollgate-screenshot: the load run did not start: %s\n",
                qPrintable(panel->problems().join(QStringLiteral("; "))));
            grabAfter(0);
        });
    });
    return true;
}

void ScreenshotDriver::fitToScreen(int trafficLogHeight)
{
    if (const QScreen* screen = m_window->screen())
        m_window->resize(screen->availableSize());
    if (auto* dock = m_window->findChild<QDockWidget*>(QStringLiteral("trafficDock")))
        m_window->resizeDocks({ dock }, { trafficLogHeight }, Qt::Vertical);
}

void ScreenshotDriver::grabAfter(int ms)
{
    if (m_grabbing)
        return;
    m_grabbing = true;
    QTimer::singleShot(ms, this, &ScreenshotDriver::takeScreenshot);
}

void ScreenshotDriver::takeScreenshot()
{
    const QPixmap pixmap = m_subject ? m_subject->grab() : m_window->grab();
    const bool ok = pixmap.save(m_file, "PNG");
    if (ok)
        std::fprintf(stdout, "%s\n", qPrintable(QDir::toNativeSeparators(m_file)));
    else
        std::fprintf(stderr, "tollgate-screenshot: cannot write %s\n", qPrintable(m_file));
    m_window->close();
    QCoreApplication::exit(ok ? 0 : 1);
}

} // namespace tollgate::app
