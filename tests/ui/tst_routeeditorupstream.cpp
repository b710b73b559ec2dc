// The window side of upstream routes: the route editor's choice between
// designed responses and an upstream, the Upstream tab's settings (each an
// undoable edit; what the workspace reader would refuse is shown and not
// stored), secret header values kept out of the workspace, the figures and
// "Test upstream" answers the facade reports, the Metrics page's upstream
// table and the workspace's fallback and allowlist.

#include "fakeengine.h"
#include "testutil.h"

#include "ui/common/upstreamsecrets.h"
#include "ui/document/workspacedocument.h"
#include "ui/engine/servercontroller.h"
#include "ui/metrics/upstreammetricsmodel.h"
#include "ui/routes/routeeditor.h"
#include "ui/routes/routeheader.h"
#include "ui/routes/upstreamheadermodel.h"
#include "ui/shell/upstreamsettingsdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDirIterator>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QUndoStack>

#include <memory>

using namespace tollgate;
using namespace tollgate::ui;
using test::FakeEngine;

class TestRouteEditorUpstream : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<WorkspaceDocument> m_doc;
    std::unique_ptr<FakeEngine> m_engine;
    std::unique_ptr<ServerController> m_server;
    std::unique_ptr<UpstreamSecrets> m_secrets;
    std::unique_ptr<RouteEditor> m_editor;

    template <typename T> T* child(const char* name)
    {
        return test::child<T>(m_editor.get(), name);
    }

    const server::Route& route() const { return m_doc->route(0); }
    const server::Upstream& upstream() const { return route().upstream; }
    QString routeName() const
    {
        return QString::fromStdString(route().method + ' ' + route().path);
    }
    QUndoStack* undo() const { return m_doc->undoStack(); }
    QTabWidget* tabs() { return child<QTabWidget>("routeTabs"); }
    /// The index of the route tab titled text (-1 if there is none).
    int tab(const QString& text)
    {
        for (int i = 0; i < tabs()->count(); ++i) {
            if (tabs()->tabText(i) == text)
                return i;
        }
        return -1;
    }

    // Types into a line edit as a user does: select all, then the keys.
    static void type(QLineEdit* edit, const QString& text)
    {
        edit->setFocus();
        edit->selectAll();
        if (text.isEmpty())
            QTest::keyClick(edit, Qt::Key_Backspace);
        else
            QTest::keyClicks(edit, text);
    }

    void switchToUpstream()
    {
        child<QRadioButton>("upstreamResponderRadio")->click();
        QCOMPARE(route().responder, server::RouteResponder::Upstream);
    }

private Q_SLOTS:
    void initTestCase()
    {
        test::isolateSettings();
        qunsetenv("UPSTREAM_TOKEN");
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_doc = std::make_unique<WorkspaceDocument>();
        QString error;
        QVERIFY2(
            m_doc->create(m_dir->path(), QStringLiteral("upstream"), &error), qPrintable(error));
        m_doc->setAutosaveDelay(60'000);
        m_doc->insertRoute(0, m_doc->makeNewRoute(), {});
        m_doc->undoStack()->clear();
        m_engine = std::make_unique<FakeEngine>();
        m_server = std::make_unique<ServerController>(m_doc.get(), m_engine.get());
        m_secrets = std::make_unique<UpstreamSecrets>();
        m_server->setUpstreamSecrets(m_secrets.get());
        m_editor = std::make_unique<RouteEditor>(m_doc.get());
        m_editor->setServer(m_server.get(), m_secrets.get());
        m_editor->resize(1100, 800);
        m_editor->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_editor.get()));
        m_editor->setCurrentRow(0);
    }

    void cleanup()
    {
        m_editor.reset();
        m_server.reset();
        m_secrets.reset();
        m_engine.reset();
        m_doc.reset();
        m_dir.reset();
    }

    void theAppAllowsLoopbackAndReadsItsSecrets()
    {
        QCOMPARE(
            m_engine->upstreamAllowlist, (std::vector<std::string> { "127.0.0.0/8", "::1/128" }));
        QVERIFY(m_engine->secretReader);
        m_secrets->store(QStringLiteral("UPSTREAM_TOKEN"), QStringLiteral("abc"));
        QCOMPARE(m_engine->secretReader("UPSTREAM_TOKEN"), std::optional<std::string>("abc"));
        QCOMPARE(m_engine->secretReader("NOT_KNOWN_ANYWHERE"), std::nullopt);
        // The note says so where upstreams are edited.
        switchToUpstream();
        QVERIFY(child<QLabel>("upstreamLoopbackNote")
                    ->text()
                    .contains(QStringLiteral("--allow-upstream")));
    }

    void switchingToUpstreamAndBackKeepsBoth()
    {
        auto* designed = child<QRadioButton>("designedResponderRadio");
        auto* upstreamRadio = child<QRadioButton>("upstreamResponderRadio");
        QVERIFY(designed->isChecked());
        const int upstreamTab = 0;
        const int rulesTab = tab(QStringLiteral("Rules"));
        QCOMPARE(tabs()->tabText(upstreamTab), QStringLiteral("Upstream"));
        QVERIFY(!tabs()->isTabVisible(upstreamTab));
        const std::vector<server::Response> responses = route().responses;

        upstreamRadio->click();
        QCOMPARE(route().responder, server::RouteResponder::Upstream);
        // A route file needs a URL: a local API's, to type over.
        QCOMPARE(upstream().url, std::string(RouteHeader::kStarterUpstreamUrl));
        QCOMPARE(route().responses, responses);
        QCOMPARE(undo()->count(), 1);
        QVERIFY(tabs()->isTabVisible(upstreamTab));
        QCOMPARE(tabs()->currentIndex(), upstreamTab);
        QVERIFY(!tabs()->isTabEnabled(rulesTab));
        auto* url = child<QLineEdit>("upstreamUrlEdit");
        QCOMPARE(url->text(), QString::fromLatin1(RouteHeader::kStarterUpstreamUrl));
        QCOMPARE(url->selectedText(), url->text());

        undo()->undo();
        QCOMPARE(route().responder, server::RouteResponder::Designed);
        QVERIFY(upstream().url.empty());
        QVERIFY(designed->isChecked());
        QVERIFY(!tabs()->isTabVisible(upstreamTab));
        QVERIFY(tabs()->currentIndex() != upstreamTab);
        QVERIFY(tabs()->isTabEnabled(rulesTab));
        undo()->redo();
        QCOMPARE(route().responder, server::RouteResponder::Upstream);
        QVERIFY(upstreamRadio->isChecked());

        type(url, QStringLiteral("http://127.0.0.1:9000/api"));
        designed->click();
        QCOMPARE(route().responder, server::RouteResponder::Designed);
        QCOMPARE(route().responses, responses);
        // The upstream settings stay with the route for the way back.
        QCOMPARE(upstream().url, std::string("http://127.0.0.1:9000/api"));
        upstreamRadio->click();
        QCOMPARE(upstream().url, std::string("http://127.0.0.1:9000/api"));
        QCOMPARE(undo()->count(), 4);

        // Selected again, an upstream route opens on its upstream rather
        // than on the responses it keeps for later.
        tabs()->setCurrentIndex(tab(QStringLiteral("Responses")));
        m_editor->setCurrentRow(-1);
        m_editor->setCurrentRow(0);
        QCOMPARE(tabs()->currentIndex(), upstreamTab);
    }

    void editsEveryGroup()
    {
        switchToUpstream();
        int steps = undo()->count();
        const auto oneStep = [&] { return undo()->count() == ++steps; };

        type(child<QLineEdit>("upstreamUrlEdit"), QStringLiteral("https://api.example.com/v2"));
        QCOMPARE(upstream().url, std::string("https://api.example.com/v2"));
        QVERIFY(oneStep()); // typing a field is one undo step
        type(child<QLineEdit>("upstreamStripPrefixEdit"), QStringLiteral("/v1"));
        QCOMPARE(upstream().stripPrefix, std::string("/v1"));
        QVERIFY(oneStep());
        type(child<QLineEdit>("upstreamPathTemplateEdit"), QStringLiteral("/users/{id}"));
        QCOMPARE(upstream().pathTemplate, std::string("/users/{id}"));
        QVERIFY(oneStep());
        child<QCheckBox>("upstreamPassQueryCheck")->click();
        QVERIFY(!upstream().passQuery);
        QVERIFY(oneStep());
        auto* verify = child<QCheckBox>("upstreamVerifyTlsCheck");
        QVERIFY(verify->isEnabled()); // https
        verify->click();
        QVERIFY(!upstream().verifyTls);
        QVERIFY(oneStep());

        struct Spin {
            const char* name;
            int value;
            int server::Upstream::*field;
        };
        const Spin spins[] = {
            { "upstreamConnectTimeoutSpin", 750, &server::Upstream::connectTimeoutMs },
            { "upstreamAttemptTimeoutSpin", 4000, &server::Upstream::attemptTimeoutMs },
            { "upstreamOverallTimeoutSpin", 9000, &server::Upstream::overallTimeoutMs },
            { "upstreamMaxAttemptsSpin", 5, &server::Upstream::maxAttempts },
            { "upstreamRetryBaseDelaySpin", 50, &server::Upstream::retryBaseDelayMs },
            { "upstreamRetryMaxDelaySpin", 800, &server::Upstream::retryMaxDelayMs },
            { "upstreamBreakerFailuresSpin", 0, &server::Upstream::breakerFailures },
            { "upstreamBreakerMinimumSpin", 40, &server::Upstream::breakerMinimumCalls },
            { "upstreamBreakerWindowSpin", 20'000, &server::Upstream::breakerWindowMs },
            { "upstreamBreakerOpenSpin", 5000, &server::Upstream::breakerOpenMs },
            { "upstreamBreakerProbesSpin", 3, &server::Upstream::breakerProbes },
            { "upstreamMaxConnectionsSpin", 8, &server::Upstream::maxConnections },
            { "upstreamIdleTimeoutSpin", 1000, &server::Upstream::idleTimeoutMs },
        };
        for (const Spin& s : spins) {
            auto* spin = child<QSpinBox>(s.name);
            QVERIFY(spin);
            spin->setValue(s.value);
            QVERIFY2(upstream().*s.field == s.value, s.name);
            QVERIFY2(oneStep(), s.name);
        }
        QCOMPARE(child<QSpinBox>("upstreamBreakerFailuresSpin")->text(), QStringLiteral("off"));
        child<QDoubleSpinBox>("upstreamBreakerRateSpin")->setValue(25.0);
        QCOMPARE(upstream().breakerFailureRate, 0.25);
        QVERIFY(oneStep());
        child<QSpinBox>("upstreamMaxResponseSpin")->setValue(2048);
        QCOMPARE(upstream().maxResponseBytes, std::uint64_t(2048) * 1024);
        QVERIFY(oneStep());
        type(child<QLineEdit>("upstreamFeeEdit"), QStringLiteral("0.0004"));
        QCOMPARE(upstream().feeMicros, std::int64_t(400));
        QVERIFY(oneStep());

        // The answer while open: 503, or one of the designed responses.
        auto* open = child<QComboBox>("upstreamOpenResponseCombo");
        QCOMPARE(open->count(), 1 + int(route().responses.size()));
        QCOMPARE(open->currentIndex(), 0);
        open->setCurrentIndex(1);
        QCOMPARE(upstream().openResponse, 0);
        QVERIFY(oneStep());

        // Headers: a new row is valid at once; edits go through the model.
        child<QToolButton>("addUpstreamHeaderButton")->click();
        QCOMPARE(upstream().headers.size(), std::size_t(1));
        QCOMPARE(upstream().headers[0].name, std::string("X-Header"));
        auto* view = child<QTableView>("upstreamHeadersView");
        QAbstractItemModel* headers = view->model();
        QVERIFY(headers->setData(
            headers->index(0, UpstreamHeaderModel::NameColumn), QStringLiteral("X-Api-Version")));
        QVERIFY(headers->setData(
            headers->index(0, UpstreamHeaderModel::ValueColumn), QStringLiteral("2")));
        QVERIFY(headers->setData(headers->index(0, UpstreamHeaderModel::ActionColumn), 1));
        const server::UpstreamHeader expected { server::UpstreamHeader::Action::Add,
            "X-Api-Version", "2", "" };
        QCOMPARE(upstream().headers.front(), expected);
        QVERIFY(!headers->setData(
            headers->index(0, UpstreamHeaderModel::NameColumn), QStringLiteral("bad name")));
        QVERIFY(child<QLabel>("upstreamErrorLabel")
                    ->text()
                    .contains(QStringLiteral("must be a valid header name")));
        QCOMPARE(upstream().headers.front(), expected);

        // Undo walks back one setting at a time.
        const server::Upstream edited = upstream();
        undo()->undo();
        QCOMPARE(upstream().headers.size(), std::size_t(1));
        QCOMPARE(upstream().headers.front().action, server::UpstreamHeader::Action::Set);
        undo()->redo();
        QCOMPARE(upstream(), edited);
    }

    void invalidTextIsShownKeptAndNotStored()
    {
        switchToUpstream();
        auto* url = child<QLineEdit>("upstreamUrlEdit");
        auto* error = child<QLabel>("upstreamErrorLabel");
        type(url, QStringLiteral("http://127.0.0.1:9000"));
        QCOMPARE(upstream().url, std::string("http://127.0.0.1:9000"));
        const int steps = undo()->count();

        type(url, QStringLiteral("ftp://files.example.com"));
        // The workspace reader's own words; the route keeps its last URL.
        QVERIFY(error->isVisible());
        QVERIFY2(
            error->text().contains(QStringLiteral("the URL must start with http:// or https://")),
            qPrintable(error->text()));
        QCOMPARE(upstream().url, std::string("http://127.0.0.1:9000"));
        QCOMPARE(undo()->count(), steps);
        // Leaving the field loses nothing typed, and other edits keep it too.
        child<QSpinBox>("upstreamConnectTimeoutSpin")->setFocus();
        child<QSpinBox>("upstreamConnectTimeoutSpin")->setValue(900);
        QCOMPARE(url->text(), QStringLiteral("ftp://files.example.com"));
        QVERIFY(error->isVisible());

        type(child<QLineEdit>("upstreamPathTemplateEdit"), QStringLiteral("/users/{id"));
        QVERIFY2(
            error->text().contains(QStringLiteral("\"pathTemplate\" has a '{' without its '}'")),
            qPrintable(error->text()));
        // Typed key by key: the last text that could be stored is.
        QCOMPARE(upstream().pathTemplate, std::string("/users/"));
        QTest::keyClick(child<QLineEdit>("upstreamPathTemplateEdit"), Qt::Key_BraceRight);
        QCOMPARE(upstream().pathTemplate, std::string("/users/{id}"));

        type(url, QStringLiteral("https://files.example.com"));
        QCOMPARE(upstream().url, std::string("https://files.example.com"));
        QVERIFY(!error->isVisible());
    }

    void removingTheOpenResponseFallsBackTo503()
    {
        server::Route r = route();
        r.responses.push_back(r.responses.front());
        r.responses.back().status = 503;
        r.upstream.openResponse = 1;
        m_doc->setRoute(0, r, {}, QStringLiteral("setup"));
        switchToUpstream();
        QCOMPARE(child<QComboBox>("upstreamOpenResponseCombo")->currentIndex(), 2);
        tabs()->setCurrentIndex(tab(QStringLiteral("Responses")));
        auto* responses = child<QTabBar>("responseTabs");
        auto* remove = child<QToolButton>("removeResponseButton");
        responses->setCurrentIndex(0);
        remove->click();
        QCOMPARE(route().responses.size(), std::size_t(1));
        QCOMPARE(upstream().openResponse, 0); // the same response, one place up
        child<QToolButton>("addResponseButton")->click();
        responses->setCurrentIndex(0);
        remove->click();
        QCOMPARE(upstream().openResponse, -1);
        QCOMPARE(child<QComboBox>("upstreamOpenResponseCombo")->currentIndex(), 0);
    }

    void secretValueNeverReachesTheWorkspace()
    {
        const QString value = QStringLiteral("s3cr3t-v4lue-never-on-disk");
        switchToUpstream();
        child<QToolButton>("addUpstreamHeaderButton")->click();
        auto* view = child<QTableView>("upstreamHeadersView");
        QAbstractItemModel* headers = view->model();
        QVERIFY(headers->setData(
            headers->index(0, UpstreamHeaderModel::NameColumn), QStringLiteral("Authorization")));
        QVERIFY(headers->setData(headers->index(0, UpstreamHeaderModel::SecretColumn),
            QStringLiteral("UPSTREAM_TOKEN")));
        QCOMPARE(upstream().headers.front().secretEnv, std::string("UPSTREAM_TOKEN"));
        QVERIFY(upstream().headers.front().value.empty());
        // A secret's name is no place for its value.
        QVERIFY(!headers->setData(
            headers->index(0, UpstreamHeaderModel::SecretColumn), QStringLiteral("Bearer abc")));

        view->setCurrentIndex(headers->index(0, UpstreamHeaderModel::NameColumn));
        auto* state = child<QLabel>("upstreamSecretStateLabel");
        auto* secret = child<QLineEdit>("upstreamSecretEdit");
        QVERIFY(secret->isVisible());
        QCOMPARE(secret->echoMode(), QLineEdit::Password);
        QVERIFY2(state->text().startsWith(QStringLiteral("Not set")), qPrintable(state->text()));

        m_engine->calls.clear();
        type(secret, value);
        child<QPushButton>("keepUpstreamSecretButton")->click();
        QVERIFY(secret->text().isEmpty());
        QCOMPARE(m_secrets->source(QStringLiteral("UPSTREAM_TOKEN")), UpstreamSecrets::Source::App);
        // No keychain in tests: kept for the session, and it says so.
        QVERIFY2(state->text().startsWith(QStringLiteral("Set for this session only")),
            qPrintable(state->text()));
        QVERIFY(!state->text().contains(value));
        // The engine reads it from the next apply on.
        QVERIFY(m_engine->calls.contains(QStringLiteral("apply")));
        QCOMPARE(m_engine->secretReader("UPSTREAM_TOKEN"), std::optional(value.toStdString()));

        QString error;
        QVERIFY2(m_doc->saveNow(&error), qPrintable(error));
        bool sawSecretName = false;
        QDirIterator files(m_dir->path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (files.hasNext()) {
            QFile file(files.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray content = file.readAll();
            QVERIFY2(!content.contains(value.toUtf8()), qPrintable(file.fileName()));
            sawSecretName = sawSecretName || content.contains("\"secretEnv\": \"UPSTREAM_TOKEN\"");
        }
        QVERIFY(sawSecretName);
        for (const server::Route& r : m_doc->workspace().routes) {
            for (const server::UpstreamHeader& h : r.upstream.headers)
                QVERIFY(h.value.find(value.toStdString()) == std::string::npos);
        }

        child<QPushButton>("forgetUpstreamSecretButton")->click();
        QCOMPARE(
            m_secrets->source(QStringLiteral("UPSTREAM_TOKEN")), UpstreamSecrets::Source::Missing);
        QCOMPARE(m_engine->secretReader("UPSTREAM_TOKEN"), std::nullopt);
    }

    void showsFiguresAndTestsFromTheFacade()
    {
        switchToUpstream();
        type(child<QLineEdit>("upstreamUrlEdit"), QStringLiteral("http://127.0.0.1:9000"));

        UpstreamFigures f;
        f.route = routeName().toStdString();
        server::UpstreamRouteState served;
        served.route = f.route;
        served.upstream = "http://127.0.0.1:9000";
        served.breaker = server::CircuitBreaker::State::Open;
        served.retryAfterMs = 12'000;
        served.transitions = 1;
        f.served = served;
        f.totals.requests = 10;
        f.totals.attempts = 14;
        f.totals.retried = 4;
        f.totals.retrySucceeded = 3;
        f.totals.errors[std::size_t(server::UpstreamError::Timeout)] = 2;
        f.totals.errors[std::size_t(server::UpstreamError::Connect)] = 1;
        f.totals.latency.record(10'000, 5);
        f.totals.latency.record(40'000, 5);
        m_engine->upstream = { f };
        // The next apply polls the figures of a workspace with upstreams.
        m_engine->calls.clear();
        QVERIFY(test::applyNow(m_server.get()));
        QTRY_VERIFY(m_engine->calls.contains(QStringLiteral("pollUpstream")));
        QTRY_COMPARE(child<QLabel>("upstreamBreakerLabel")->text(),
            QStringLiteral("Open, probes again in 12 s"));
        QCOMPARE(child<QLabel>("upstreamRequestsLabel")->text(), QStringLiteral("10"));
        QCOMPARE(child<QLabel>("upstreamAttemptsLabel")->text(), QStringLiteral("1.40"));
        QCOMPARE(child<QLabel>("upstreamRetriesLabel")->text(),
            QStringLiteral("4, of which 3 succeeded (75 %)"));
        QCOMPARE(
            child<QLabel>("upstreamErrorsLabel")->text(), QStringLiteral("1 connect · 2 timeout"));
        const QString latency = child<QLabel>("upstreamLatencyLabel")->text();
        QVERIFY2(latency.startsWith(QStringLiteral("p50 10")), qPrintable(latency));
        QVERIFY2(latency.endsWith(QStringLiteral("p95 40.0 ms")), qPrintable(latency));

        // Test upstream: the facade's steps, for the stored settings.
        server::UpstreamProbeResult result;
        result.ok = true;
        result.connectUs = 300;
        result.firstByteUs = 1500;
        result.status = 200;
        result.reason = "OK";
        result.connectedTo = "127.0.0.1";
        m_engine->upstreamTest = { {}, result };
        auto* testButton = child<QPushButton>("testUpstreamButton");
        QVERIFY(testButton->isEnabled());
        testButton->click();
        QCOMPARE(m_engine->lastTested.url, std::string("http://127.0.0.1:9000"));
        auto* outcome = child<QLabel>("upstreamTestResultLabel");
        QTRY_VERIFY2(
            outcome->text().contains(QStringLiteral("200 OK")), qPrintable(outcome->text()));
        QVERIFY2(outcome->text().startsWith(QStringLiteral("connect 0.30 ms · first byte 1.50 ms")),
            qPrintable(outcome->text()));

        m_engine->upstreamTest = { { QStringLiteral("the secret for header X is not set") }, {} };
        QTRY_VERIFY(testButton->isEnabled());
        testButton->click();
        QTRY_COMPARE(
            outcome->text(), QStringLiteral("Not tested: the secret for header X is not set"));

        // What the server reported applying this route shows here as well.
        m_engine->diagnostics = { { {}, 0, 0,
            routeName().toStdString() + ": upstream 10.0.0.1 is refused: private" } };
        QVERIFY(test::applyNow(m_server.get()));
        auto* problems = child<QLabel>("upstreamServerProblemsLabel");
        QTRY_VERIFY(problems->isVisible());
        QCOMPARE(problems->text(),
            QStringLiteral("The server does not serve this route: upstream 10.0.0.1 is refused: "
                           "private"));
    }

    void metricsTableListsRoutesWithUpstreamCalls()
    {
        UpstreamMetricsModel model;
        UpstreamFigures quiet;
        quiet.route = "GET /quiet";
        quiet.served = server::UpstreamRouteState {};
        UpstreamFigures busy;
        busy.route = "GET /busy";
        busy.totals.requests = 4;
        busy.totals.attempts = 6;
        busy.totals.retried = 2;
        busy.totals.retrySucceeded = 1;
        busy.totals.errors[std::size_t(server::UpstreamError::Reset)] = 1;
        busy.totals.latency.record(2000, 4);
        model.setFigures({ quiet, busy });
        QCOMPARE(model.rowCount(), 1);
        const auto text = [&](int column) { return model.index(0, column).data().toString(); };
        QCOMPARE(text(UpstreamMetricsModel::RouteColumn), QStringLiteral("GET /busy"));
        QCOMPARE(text(UpstreamMetricsModel::BreakerColumn), QStringLiteral("Not served"));
        QCOMPARE(text(UpstreamMetricsModel::RequestsColumn), QStringLiteral("4"));
        QCOMPARE(text(UpstreamMetricsModel::AttemptsColumn), QStringLiteral("1.50"));
        QCOMPARE(text(UpstreamMetricsModel::RetrySuccessColumn), QStringLiteral("50 %"));
        QCOMPARE(text(UpstreamMetricsModel::ErrorsColumn), QStringLiteral("1"));
        QCOMPARE(text(UpstreamMetricsModel::P95Column), QStringLiteral("2.00 ms"));
        // Rows change in place as the totals grow.
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        busy.totals.requests = 5;
        model.setFigures({ busy });
        QCOMPARE(text(UpstreamMetricsModel::RequestsColumn), QStringLiteral("5"));
        QCOMPARE(reset.count(), 0);
    }

    void fallbackAndAllowlistAreUndoableSettings()
    {
        UpstreamSettingsDialog dialog(m_doc.get());
        auto* fallback = dialog.findChild<QLineEdit*>(QStringLiteral("fallbackUrlEdit"));
        auto* allow = dialog.findChild<QPlainTextEdit*>(QStringLiteral("upstreamAllowlistEdit"));
        auto* error = dialog.findChild<QLabel*>(QStringLiteral("upstreamSettingsErrorLabel"));
        auto* ok = dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
        QVERIFY(fallback && allow && error && ok);

        fallback->setText(QStringLiteral("api.example.com"));
        QVERIFY(!ok->isEnabled());
        QVERIFY(error->text().contains(QStringLiteral("must start with http:// or https://")));
        fallback->setText(QStringLiteral("https://api.example.com"));
        allow->setPlainText(QStringLiteral("10.1.2.0/24\nnot-a-range"));
        QVERIFY(!ok->isEnabled());
        QVERIFY2(error->text().startsWith(QStringLiteral("Allowed address not-a-range: ")),
            qPrintable(error->text()));
        QVERIFY(!dialog.apply());
        allow->setPlainText(QStringLiteral("10.1.2.0/24\n192.168.1.20"));
        QVERIFY(ok->isEnabled());

        const int steps = undo()->count();
        QVERIFY(dialog.apply());
        QCOMPARE(undo()->count(), steps + 1);
        QCOMPARE(m_doc->workspace().server.fallback.url, std::string("https://api.example.com"));
        QCOMPARE(m_doc->workspace().server.upstreamAllowlist,
            (std::vector<std::string> { "10.1.2.0/24", "192.168.1.20" }));
        undo()->undo();
        QVERIFY(m_doc->workspace().server.fallback.url.empty());
        QVERIFY(m_doc->workspace().server.upstreamAllowlist.empty());
    }
};

QTEST_MAIN(TestRouteEditorUpstream)
#include "tst_routeeditorupstream.moc"
