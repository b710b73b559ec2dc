#include "ui/load/loadsummaryview.h"

#include "ui/charts/histogramchart.h"
#include "ui/charts/latencybins.h"
#include "ui/common/appearance.h"
#include "ui/common/convert.h"
#include "ui/common/metricsformat.h"
#include "ui/load/loadthresholdtext.h"

#include <QEvent>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QRegularExpression>
#include <QScrollArea>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace tollgate::ui {

namespace {

constexpr int kHistogramBins = 30;

QString count(std::uint64_t n)
{
    return QLocale().toString(qulonglong(n));
}

} // namespace

LoadSummaryView::LoadSummaryView(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("loadSummaryView"));

    m_stack = new QStackedWidget(this);
    m_placeholder = new QLabel(this);
    m_placeholder->setObjectName(QStringLiteral("loadSummaryPlaceholder"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);
    m_stack->addWidget(m_placeholder);

    auto* content = new QWidget(this);
    auto* numbers = new QWidget(content);
    auto* tiles = new QGridLayout;
    tiles->setContentsMargins(0, 0, 0, 0);
    tiles->setHorizontalSpacing(6);
    tiles->setVerticalSpacing(6);
    struct Tile {
        const char* key;
        QString caption;
        QString tip;
    };
    const Tile kTiles[] = {
        { "requests", tr("requests"), tr("Answered requests in the measured part (any status)") },
        { "throughput", tr("req/s"), tr("Answered requests per second of measured time") },
        { "p50", tr("p50"), tr("Half of the answers took at most this long") },
        { "p90", tr("p90"), tr("90 % of the answers took at most this long") },
        { "p99", tr("p99"), tr("99 % of the answers took at most this long") },
        { "p999", tr("p99.9"), tr("99.9 % of the answers took at most this long") },
        { "max", tr("max"), tr("The slowest answer") },
        { "errors", tr("no answer"),
            tr("Requests that got no HTTP answer: connect errors, timeouts, resets, "
               "protocol errors") },
    };
    int i = 0;
    for (const Tile& t : kTiles) {
        auto* frame = new QFrame(numbers);
        frame->setObjectName(QStringLiteral("loadTile_") + QLatin1String(t.key));
        frame->setFrameShape(QFrame::StyledPanel);
        frame->setBackgroundRole(QPalette::Base);
        frame->setAutoFillBackground(true);
        frame->setToolTip(t.tip);
        auto* value = new QLabel(QStringLiteral("–"), frame);
        value->setObjectName(QStringLiteral("loadSummary_") + QLatin1String(t.key));
        value->setAlignment(Qt::AlignCenter);
        QFont big = value->font();
        big.setBold(true);
        big.setPointSizeF(big.pointSizeF() * 1.3);
        value->setFont(big);
        auto* caption = new QLabel(t.caption, frame);
        caption->setObjectName(QStringLiteral("loadSummaryCaption_") + QLatin1String(t.key));
        caption->setAlignment(Qt::AlignCenter);
        caption->setForegroundRole(QPalette::PlaceholderText);
        auto* v = new QVBoxLayout(frame);
        v->setContentsMargins(6, 4, 6, 4);
        v->setSpacing(0);
        v->addWidget(value);
        v->addWidget(caption);
        tiles->addWidget(frame, i / 4, i % 4);
        m_tiles.insert(QLatin1String(t.key), value);
        m_captions.insert(QLatin1String(t.key), caption);
        ++i;
    }

    m_caption = new QLabel(numbers);
    m_caption->setObjectName(QStringLiteral("loadSummaryCaption"));
    QFont bold = m_caption->font();
    bold.setBold(true);
    m_caption->setFont(bold);
    m_caption->setWordWrap(true);
    m_statuses = new QLabel(numbers);
    m_statuses->setObjectName(QStringLiteral("loadSummaryStatuses"));
    m_statuses->setWordWrap(true);
    m_statuses->setTextFormat(Qt::RichText);
    m_errors = new QLabel(numbers);
    m_errors->setObjectName(QStringLiteral("loadSummaryErrors"));
    m_errors->setWordWrap(true);
    m_notes = new QLabel(numbers);
    m_notes->setObjectName(QStringLiteral("loadSummaryNotes"));
    m_notes->setWordWrap(true);
    m_notes->setForegroundRole(QPalette::PlaceholderText);
    m_thresholds = new QLabel(numbers);
    m_thresholds->setObjectName(QStringLiteral("loadSummaryThresholds"));
    m_thresholds->setTextFormat(Qt::RichText);
    m_thresholds->setWordWrap(true);
    m_thresholds->hide();
    for (QLabel* l : { m_caption, m_statuses, m_errors, m_notes, m_thresholds })
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* left = new QVBoxLayout(numbers);
    left->setContentsMargins(0, 0, 0, 0);
    left->setSpacing(5);
    left->addWidget(m_caption);
    left->addLayout(tiles);
    left->addWidget(m_thresholds);
    left->addWidget(m_statuses);
    left->addWidget(m_errors);
    left->addWidget(m_notes);
    left->addStretch(1);

    m_histogram = new HistogramChart(content);
    m_histogram->setObjectName(QStringLiteral("loadHistogram"));
    m_histogram->setTitle(tr("Latency distribution (measured part)"));
    m_histogram->setMinimumHeight(150);

    // Thresholds make the numbers taller than a short results pane: they
    // scroll rather than squeeze each other.
    auto* scroll = new QScrollArea(content);
    scroll->setObjectName(QStringLiteral("loadSummaryScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setWidget(numbers);
    scroll->viewport()->setAutoFillBackground(false);
    numbers->setAutoFillBackground(false);

    auto* row = new QHBoxLayout(content);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(10);
    row->addWidget(scroll, 3);
    row->addWidget(m_histogram, 2);
    m_stack->addWidget(content);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->addWidget(m_stack);
    clear();
}

void LoadSummaryView::clear(const QString& placeholder)
{
    m_placeholder->setText(placeholder.isEmpty()
            ? tr("No results yet. Set up a run on the left and start it (Ctrl+Return); its "
                 "summary shows here, and every run is kept under .tollgate/loadruns.")
            : placeholder);
    for (QLabel* l : std::as_const(m_tiles))
        l->setText(QStringLiteral("–"));
    m_caption->clear();
    m_statuses->clear();
    m_errors->clear();
    m_notes->clear();
    m_codes.clear();
    m_results.clear();
    m_abortedBy.clear();
    showThresholds();
    m_histogram->setBins({});
    m_stack->setCurrentIndex(0);
}

bool LoadSummaryView::hasResults() const
{
    return m_stack->currentIndex() == 1;
}

QString LoadSummaryView::tileText(const QString& key) const
{
    const QLabel* l = m_tiles.value(key);
    return l ? l->text() : QString();
}

QString LoadSummaryView::tileCaption(const QString& key) const
{
    const QLabel* l = m_captions.value(key);
    return l ? l->text() : QString();
}

QString LoadSummaryView::notesText() const
{
    return m_notes->text();
}

void LoadSummaryView::setWebSocketCaptions(bool webSocket)
{
    QLabel* requests = m_captions.value(QStringLiteral("requests"));
    QLabel* throughput = m_captions.value(QStringLiteral("throughput"));
    if (webSocket) {
        requests->setText(tr("sessions"));
        requests->parentWidget()->setToolTip(tr("WebSocket sessions opened in the measured part"));
        throughput->setText(tr("msg/s in"));
        throughput->parentWidget()->setToolTip(
            tr("Messages received per second of measured time, all sessions together"));
        m_histogram->setTitle(tr("Handshake time distribution (measured part)"));
    } else {
        requests->setText(tr("requests"));
        requests->parentWidget()->setToolTip(
            tr("Answered requests in the measured part (any status)"));
        throughput->setText(tr("req/s"));
        throughput->parentWidget()->setToolTip(tr("Answered requests per second of measured time"));
        m_histogram->setTitle(tr("Latency distribution (measured part)"));
    }
}

QString LoadSummaryView::statusText() const
{
    QString plain = m_statuses->text();
    plain.remove(QRegularExpression(QStringLiteral("<[^>]*>")));
    return plain.replace(QStringLiteral("&nbsp;"), QStringLiteral(" "))
        .replace(QStringLiteral("&times;"), QStringLiteral("×"));
}

QString LoadSummaryView::errorText() const
{
    return m_errors->text();
}

QString LoadSummaryView::thresholdText() const
{
    return LoadThresholdText::plain(m_results, m_abortedBy, m_live);
}

void LoadSummaryView::showThresholds()
{
    m_thresholds->setText(LoadThresholdText::html(m_results, m_abortedBy, m_live, palette()));
    m_thresholds->setVisible(!m_results.empty());
}

void LoadSummaryView::setTiles(
    std::uint64_t requests, double throughput, const server::LatencyHistogram& h)
{
    const QLocale locale;
    const bool any = h.count() > 0;
    const auto ms = [&](std::uint64_t us) {
        return any ? MetricsFormat::latency(MetricsFormat::ms(us), locale) : QStringLiteral("–");
    };
    m_tiles.value(QStringLiteral("requests"))->setText(count(requests));
    m_tiles.value(QStringLiteral("throughput"))->setText(MetricsFormat::rate(throughput, locale));
    m_tiles.value(QStringLiteral("p50"))->setText(ms(h.percentile(50)));
    m_tiles.value(QStringLiteral("p90"))->setText(ms(h.percentile(90)));
    m_tiles.value(QStringLiteral("p99"))->setText(ms(h.percentile(99)));
    m_tiles.value(QStringLiteral("p999"))->setText(ms(h.percentile(99.9)));
    m_tiles.value(QStringLiteral("max"))->setText(ms(h.max()));
    m_histogram->setBins(latencyBins(h, kHistogramBins));
}

void LoadSummaryView::showStatuses()
{
    QStringList parts;
    const QPalette p = palette();
    for (const auto& [code, n] : m_codes) {
        const QString name = m_classesOnly ? tr("%1xx").arg(code / 100) : QString::number(code);
        parts << QStringLiteral("<span style=\"color:%1\"><b>%2</b></span>&nbsp;&times;&nbsp;%3")
                     .arg(statusColor(code, p).name(), name, count(n));
    }
    if (parts.isEmpty())
        m_statuses->setText(tr("Status codes: none yet"));
    else
        m_statuses->setText(tr("Status codes: %1").arg(parts.join(QStringLiteral(" · "))));
}

QString LoadSummaryView::streamText(const server::LoadReport& report)
{
    const server::LoadCounts& total = report.total;
    const QLocale locale;
    const double seconds = report.measuredSeconds > 0 ? report.measuredSeconds : 1;
    QString text
        = tr("Streams: %1 · events: %2 (%3/s) · tokens: %4 (%5/s)")
              .arg(count(total.streams), count(total.events),
                  locale.toString(double(total.events) / seconds, 'f', 1), count(total.tokens),
                  locale.toString(double(total.tokens) / seconds, 'f', 1));
    const server::LatencyHistogram& first = total.firstEvent;
    if (first.count() > 0)
        text += QStringLiteral(" · ")
            + tr("first event: p50 %1, p99 %2")
                  .arg(MetricsFormat::latency(MetricsFormat::ms(first.percentile(50)), locale),
                      MetricsFormat::latency(MetricsFormat::ms(first.percentile(99)), locale));
    return text;
}

QString LoadSummaryView::webSocketText(const server::LoadReport& report)
{
    const server::LoadCounts& total = report.total;
    const QLocale locale;
    const double seconds = report.measuredSeconds > 0 ? report.measuredSeconds : 1;
    const auto perSecond
        = [&](std::uint64_t n) { return MetricsFormat::rate(double(n) / seconds, locale); };
    QString text = tr("Sessions: %1 opened, %2 held to the end · messages in: %3 (%4/s) · out: "
                      "%5 (%6/s)")
                       .arg(count(total.streams), count(total.held), count(total.events),
                           perSecond(total.events), count(total.sent), perSecond(total.sent));
    const auto percentiles = [&](const server::LatencyHistogram& h) {
        return tr("p50 %1, p99 %2")
            .arg(MetricsFormat::latency(MetricsFormat::ms(h.percentile(50)), locale),
                MetricsFormat::latency(MetricsFormat::ms(h.percentile(99)), locale));
    };
    if (total.firstEvent.count() > 0)
        text += QStringLiteral(" · ") + tr("first message: %1").arg(percentiles(total.firstEvent));
    if (total.roundTrip.count() > 0)
        text += QStringLiteral(" · ") + tr("round trip: %1").arg(percentiles(total.roundTrip));
    if (!total.closes.empty()) {
        QStringList codes;
        for (const auto& [code, n] : total.closes)
            codes << tr("%1 × %2").arg(code).arg(count(n));
        text += QStringLiteral("\n")
            + tr("Closed by the server: %1").arg(codes.join(QStringLiteral(", ")));
    }
    return text;
}

void LoadSummaryView::setReport(const server::LoadReport& report)
{
    const server::LoadCounts& total = report.total;
    const bool webSocket = report.settings.webSocket();
    setWebSocketCaptions(webSocket);
    setTiles(total.requests, report.throughput(), total.latency);
    if (webSocket) {
        // Sessions and messages: the handshakes' own count and rate say little.
        const double seconds = report.measuredSeconds > 0 ? report.measuredSeconds : 1;
        m_tiles.value(QStringLiteral("requests"))->setText(count(total.streams));
        m_tiles.value(QStringLiteral("throughput"))
            ->setText(MetricsFormat::rate(double(total.events) / seconds));
    }
    m_tiles.value(QStringLiteral("errors"))->setText(count(total.errorTotal()));

    QString caption = tr("%1 measured").arg(MetricsFormat::duration(report.measuredSeconds));
    if (!report.abortedBy.empty())
        caption += QStringLiteral(" · ")
            + tr("stopped by the threshold %1").arg(toQt(report.abortedBy));
    else if (report.stopped)
        caption += QStringLiteral(" · ") + tr("stopped before the end");
    m_caption->setText(caption);
    m_results = report.thresholds;
    m_abortedBy = report.abortedBy;
    m_live = false;
    showThresholds();

    m_codes = total.statuses;
    m_classesOnly = false;
    showStatuses();

    if (total.errorTotal() == 0) {
        m_errors->setText(tr("No errors: every request got an HTTP answer."));
    } else {
        QStringList kinds;
        for (std::size_t k = 0; k < server::kLoadErrorKinds; ++k)
            kinds << tr("%1 %2").arg(
                QString::fromLatin1(server::loadErrorName(server::LoadErrorKind(k))),
                count(total.errors[k]));
        m_errors->setText(tr("Errors: %1").arg(kinds.join(QStringLiteral(" · "))));
    }

    QStringList notes;
    if (!report.target.empty())
        notes << tr("Target: %1").arg(toQt(report.target));
    if (report.warmupRequests > 0)
        notes << tr("warm-up: %1 requests not counted").arg(count(report.warmupRequests));
    if (report.settings.model == server::LoadModel::Open)
        notes << (report.missed > 0
                ? tr("missed: %1 requests were due but not sent (every connection was busy)")
                      .arg(count(report.missed))
                : tr("missed: none"));
    if (total.bytesIn > 0)
        notes << tr("%1 received").arg(QLocale().formattedDataSize(qint64(total.bytesIn)));
    QString text = notes.join(QStringLiteral(" · "));
    if (webSocket)
        text = webSocketText(report) + (text.isEmpty() ? QString() : QStringLiteral("\n") + text);
    else if (report.settings.stream)
        text = streamText(report) + (text.isEmpty() ? QString() : QStringLiteral("\n") + text);
    if (!report.problem.empty())
        text = tr("Problem: %1").arg(toQt(report.problem))
            + (text.isEmpty() ? QString() : QStringLiteral("\n") + text);
    m_notes->setText(text);
    m_stack->setCurrentIndex(1);
}

void LoadSummaryView::setLive(const Live& live)
{
    setWebSocketCaptions(live.webSocket);
    setTiles(
        live.requests, live.seconds > 0 ? double(live.requests) / live.seconds : 0, live.latency);
    if (live.webSocket) {
        // Handshakes answered with 101 are the sessions; refusals are in the
        // status line.
        m_tiles.value(QStringLiteral("requests"))->setText(count(live.classes[1]));
        m_tiles.value(QStringLiteral("throughput"))
            ->setText(
                MetricsFormat::rate(live.seconds > 0 ? double(live.events) / live.seconds : 0));
    }
    m_tiles.value(QStringLiteral("errors"))->setText(count(live.errors));
    m_caption->setText(live.seconds > 0
            ? tr("So far: %1 measured").arg(MetricsFormat::duration(live.seconds))
            : tr("Warming up: nothing measured yet"));
    m_codes.clear();
    for (int c = 1; c <= 5; ++c) {
        if (live.classes[std::size_t(c)] > 0)
            m_codes[c * 100] = live.classes[std::size_t(c)];
    }
    m_classesOnly = true;
    showStatuses();
    m_results = live.thresholds;
    m_abortedBy = live.abortedBy;
    m_live = true;
    showThresholds();
    m_errors->setText(live.errors == 0
            ? tr("No errors so far.")
            : tr("%1 requests without an answer so far (by kind when the run ends).")
                  .arg(count(live.errors)));
    QString notes = tr("Exact status codes, errors by kind and the per-tier and per-route "
                       "tables come with the report when the run ends.");
    if (live.warmupRequests > 0)
        notes = tr("warm-up: %1 requests not counted").arg(count(live.warmupRequests))
            + QStringLiteral(" · ") + notes;
    const double seconds = live.seconds > 0 ? live.seconds : 1;
    if (live.webSocket)
        notes = tr("So far: messages in: %1 (%2/s) · out: %3 (%4/s)")
                    .arg(count(live.events), MetricsFormat::rate(double(live.events) / seconds),
                        count(live.sent), MetricsFormat::rate(double(live.sent) / seconds))
            + QStringLiteral("\n") + notes;
    else if (live.stream)
        notes = tr("So far: events: %1 (%2/s)")
                    .arg(count(live.events), MetricsFormat::rate(double(live.events) / seconds))
            + QStringLiteral("\n") + notes;
    m_notes->setText(notes);
    m_stack->setCurrentIndex(1);
}

void LoadSummaryView::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_statuses && !m_codes.empty())
        showStatuses();
    if (event->type() == QEvent::PaletteChange && m_thresholds && !m_results.empty())
        showThresholds();
}

} // namespace tollgate::ui
