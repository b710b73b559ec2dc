// The composer screenshot of a token stream (--page stream), in a file of
// its own so the driver's other pictures are not in its way.

#include "app/screenshot/screenshotdriver.h"

#include "ui/document/workspacedocument.h"
#include "ui/requests/composerpanel.h"
#include "ui/requests/eventstreammodel.h"
#include "ui/requests/requestsender.h"
#include "ui/requests/responseviewer.h"
#include "ui/requests/streamview.h"
#include "ui/shell/mainwindow.h"

#include <QSplitter>
#include <QTabWidget>
#include <QTableView>

#include <algorithm>

namespace tollgate::app {

namespace {

// Grabbed mid-stream, once this many chunks are in: the text half written,
// the table scrolling, Stop offered.
constexpr int kStreamChunksShown = 32;
// When the stream ended before that (or could not start): time to paint.
constexpr int kStreamSettleMs = 700;

} // namespace

void ScreenshotDriver::runStream()
{
    if (driveStream())
        return;
    grabAfter(kStreamSettleMs);
}

bool ScreenshotDriver::driveStream()
{
    ui::WorkspaceDocument* document = m_window->document();
    ui::ComposerPanel* composer = m_window->composer();
    if (!document->isOpen())
        return false;
    // The demo's chat completion streams to callers with a key.
    std::string keyId, secret;
    if (!addKey("pro", "docs", &keyId, &secret))
        return false;

    server::SavedRequest request;
    server::ComposerRequest& r = request.request;
    r.method = "POST";
    r.url = "{{baseUrl}}/v1/chat/completions";
    r.headers = { { "Content-Type", "application/json" } };
    r.bodyKind = server::ComposerRequest::BodyKind::Raw;
    r.body = "{\n  \"model\": \"builder-small\",\n  \"stream\": true,\n  \"messages\": [\n    "
             "{\"role\": \"user\", \"content\": \"a welcome message for new builders\"}\n  ]\n}";
    r.auth = server::ComposerRequest::AuthKind::Bearer;
    r.keyId = keyId;
    r.connectTimeoutMs = 10'000;
    r.totalTimeoutMs = 30'000;
    composer->setRequest(request);
    fitToScreen(110);
    // The request's body (it asks for a stream) above, the stream below
    // with most of the room.
    if (auto* tabs = composer->findChild<QTabWidget*>(QStringLiteral("requestTabs")))
        tabs->setCurrentIndex(2);
    if (auto* split = composer->findChild<QSplitter*>(QStringLiteral("composerSplitter")))
        split->setSizes({ 250, std::max(0, split->height() - 250) });

    ui::StreamView* view = composer->viewer()->streamView();
    connect(view->model(), &ui::EventStreamModel::changed, this, [this, view] {
        if (m_grabbing || view->model()->chunkCount() < kStreamChunksShown)
            return;
        // A recent event picked, so its data shows in full beside the table;
        // grabbed before more rows push it out of sight.
        auto* table = view->findChild<QTableView*>(QStringLiteral("streamEvents"));
        if (table)
            table->selectRow(view->model()->rowCount() - 2);
        grabAfter(30);
    });
    connect(composer->sender(), &ui::RequestSender::finished, this,
        [this] { grabAfter(kStreamSettleMs); });
    whenServing([this, composer] {
        // The key must be served before the request goes out.
        whenApplied([composer] { composer->send(); });
    });
    return true;
}

} // namespace tollgate::app
