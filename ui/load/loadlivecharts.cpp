#include "ui/load/loadlivecharts.h"

#include "ui/charts/chartcolors.h"
#include "ui/charts/timechart.h"

#include <QChart>
#include <QDateTime>
#include <QGridLayout>
#include <QLegend>
#include <QLineSeries>

#include <algorithm>
#include <cmath>
#include <limits>

namespace tollgate::ui {

namespace {

// The Metrics page's colours, so the same measure looks the same there.
const QColor kRateColor = chartcolors::kRate;
const QColor kWarmupColor = chartcolors::kNeutral;
const QColor kP50Color = chartcolors::kP50;
const QColor kP90Color = chartcolors::kPMiddle;
const QColor kP99Color = chartcolors::kP99;
const QColor k2xxColor = chartcolors::k2xx;
const QColor k4xxColor = chartcolors::k4xx;
const QColor k5xxColor = chartcolors::k5xx;
const QColor kErrorColor(0x8e, 0x44, 0xad);
const QColor kEventColor(0x16, 0xa0, 0x85);
const QColor kSentColor(0x9b, 0x59, 0xb6);

enum Line { Rate, Warmup, P50, P90, P99, S2xx, S4xx, S5xx, Errors, Events, Sent, LineCount };

} // namespace

LoadLiveCharts::LoadLiveCharts(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("loadLiveCharts"));

    m_rateChart = new TimeChart(this);
    m_rateChart->setObjectName(QStringLiteral("loadThroughputChart"));
    m_rateChart->setTitle(tr("Throughput (answers per second)"));
    m_rateLine = m_rateChart->addLine(tr("measured"), kRateColor);
    m_warmupLine = m_rateChart->addLine(tr("warm-up"), kWarmupColor, Qt::DashLine);
    // Made now and hidden, as TimeChart asks: shown for stream and WebSocket
    // runs (setExtra).
    m_eventLine = m_rateChart->addLine(tr("events"), kEventColor);
    m_sentLine = m_rateChart->addLine(tr("messages out"), kSentColor, Qt::DashLine);

    // Latencies span microseconds to seconds: the log scale of the Metrics
    // page keeps a fast p50 visible next to a slow p99.
    m_latencyChart = new TimeChart(this, TimeChart::Logarithmic);
    m_latencyChart->setObjectName(QStringLiteral("loadLatencyChart"));
    m_latencyChart->setTitle(tr("Latency (ms, log scale)"));
    m_p50Line = m_latencyChart->addLine(tr("p50"), kP50Color);
    m_p90Line = m_latencyChart->addLine(tr("p90"), kP90Color);
    m_p99Line = m_latencyChart->addLine(tr("p99"), kP99Color);

    m_statusChart = new TimeChart(this);
    m_statusChart->setObjectName(QStringLiteral("loadStatusChart"));
    m_statusChart->setTitle(tr("Status split (per second)"));
    m_2xxLine = m_statusChart->addLine(tr("2xx/3xx"), k2xxColor);
    m_4xxLine = m_statusChart->addLine(tr("4xx"), k4xxColor);
    m_5xxLine = m_statusChart->addLine(tr("5xx"), k5xxColor);
    m_errorLine = m_statusChart->addLine(tr("no answer"), kErrorColor, Qt::DashLine);

    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(6);
    grid->addWidget(m_rateChart, 0, 0);
    grid->addWidget(m_latencyChart, 0, 1);
    grid->addWidget(m_statusChart, 0, 2);
    for (int c = 0; c < 3; ++c)
        grid->setColumnStretch(c, 1);

    for (int i = 0; i < LineCount; ++i)
        m_pending.append(QList<QPointF>());
    setExtra(Extra::None);
    clear();
}

LoadLiveCharts::Extra LoadLiveCharts::extraFor(const server::LoadSettings& settings)
{
    if (settings.webSocket())
        return Extra::Messages;
    return settings.stream ? Extra::Events : Extra::None;
}

void LoadLiveCharts::setExtra(Extra extra)
{
    m_extra = extra;
    switch (extra) {
    case Extra::None:
        m_rateChart->setTitle(tr("Throughput (answers per second)"));
        m_rateLine->setName(tr("measured"));
        break;
    case Extra::Events:
        m_rateChart->setTitle(tr("Throughput (answers and events per second)"));
        m_rateLine->setName(tr("answers"));
        m_eventLine->setName(tr("events"));
        break;
    case Extra::Messages:
        m_rateChart->setTitle(tr("Throughput (messages per second)"));
        m_rateLine->setName(tr("handshakes"));
        m_eventLine->setName(tr("messages in"));
        break;
    }
    m_eventLine->setVisible(extra != Extra::None);
    m_sentLine->setVisible(extra == Extra::Messages);
}

void LoadLiveCharts::clear()
{
    for (QLineSeries* line : { m_rateLine, m_warmupLine, m_p50Line, m_p90Line, m_p99Line, m_2xxLine,
             m_4xxLine, m_5xxLine, m_errorLine, m_eventLine, m_sentLine })
        line->clear();
    for (QList<QPointF>& p : m_pending)
        p.clear();
    m_seconds = 0;
    m_lastWasWarmup = false;
    m_maxRate = 0;
    m_maxStatus = 0;
    m_minLatency = std::numeric_limits<double>::infinity();
    m_maxLatency = 0;
    if (m_start == 0) {
        // Something sensible on the axis before the first run.
        const std::int64_t now = std::int64_t(QDateTime::currentSecsSinceEpoch());
        m_start = now;
    }
    m_rangeEnd = m_start + std::max<std::int64_t>(10, std::int64_t(std::ceil(m_planned)));
    for (TimeChart* chart : { m_rateChart, m_latencyChart, m_statusChart })
        chart->setTimeRange(m_start, m_rangeEnd);
    m_rateChart->fitValues(0, 10);
    m_statusChart->fitValues(0, 10);
    m_latencyChart->fitValues(0.1, 10);
}

void LoadLiveCharts::start(std::int64_t startUnix, double plannedSeconds)
{
    m_start = startUnix;
    m_planned = std::max(0.0, plannedSeconds);
    clear();
}

void LoadLiveCharts::updateRange(std::int64_t lastSecond)
{
    // The planned length when known; past it (draining, counted runs) the
    // axis grows by half again so it does not move every second.
    const std::int64_t needed = m_start + lastSecond + 1;
    if (needed <= m_rangeEnd)
        return;
    const std::int64_t span = std::max<std::int64_t>(10, m_rangeEnd - m_start);
    m_rangeEnd = std::max(needed, m_start + span + span / 2);
    for (TimeChart* chart : { m_rateChart, m_latencyChart, m_statusChart })
        chart->setTimeRange(m_start, m_rangeEnd);
}

void LoadLiveCharts::add(const server::LoadSecond& s, double scale)
{
    const double x = double(m_start + s.second) * 1000.0;
    const double rate = double(s.requests) * scale;
    const QPointF ratePoint(x, rate);
    if (s.warmup) {
        m_pending[Warmup] << ratePoint;
        m_lastWasWarmup = true;
    } else {
        // The grey warm-up line runs into the first measured second so the
        // two read as one curve.
        if (m_lastWasWarmup)
            m_pending[Warmup] << ratePoint;
        m_lastWasWarmup = false;
        m_pending[Rate] << ratePoint;
    }
    m_maxRate = std::max(m_maxRate, rate);
    if (m_extra != Extra::None) {
        const double events = double(s.events) * scale;
        m_pending[Events] << QPointF(x, events);
        m_maxRate = std::max(m_maxRate, events);
    }
    if (m_extra == Extra::Messages) {
        const double sent = double(s.sent) * scale;
        m_pending[Sent] << QPointF(x, sent);
        m_maxRate = std::max(m_maxRate, sent);
    }

    if (s.requests > 0 && s.latency.count() > 0) {
        const double floor = TimeChart::kLogFloor;
        const double p50 = std::max(floor, double(s.latency.percentile(50)) / 1000.0);
        const double p90 = std::max(floor, double(s.latency.percentile(90)) / 1000.0);
        const double p99 = std::max(floor, double(s.latency.percentile(99)) / 1000.0);
        m_pending[P50] << QPointF(x, p50);
        m_pending[P90] << QPointF(x, p90);
        m_pending[P99] << QPointF(x, p99);
        m_minLatency = std::min(m_minLatency, p50);
        m_maxLatency = std::max(m_maxLatency, p99);
    }

    const double ok = double(s.classes[1] + s.classes[2] + s.classes[3]) * scale;
    const double c4 = double(s.classes[4]) * scale;
    const double c5 = double(s.classes[5]) * scale;
    const double errors = double(s.errors) * scale;
    m_pending[S2xx] << QPointF(x, ok);
    m_pending[S4xx] << QPointF(x, c4);
    m_pending[S5xx] << QPointF(x, c5);
    m_pending[Errors] << QPointF(x, errors);
    m_maxStatus = std::max({ m_maxStatus, ok, c4, c5, errors });

    updateRange(s.second);
    ++m_seconds;
}

void LoadLiveCharts::flush()
{
    QLineSeries* lines[LineCount] = { m_rateLine, m_warmupLine, m_p50Line, m_p90Line, m_p99Line,
        m_2xxLine, m_4xxLine, m_5xxLine, m_errorLine, m_eventLine, m_sentLine };
    for (int i = 0; i < LineCount; ++i) {
        if (m_pending[i].isEmpty())
            continue;
        lines[i]->append(m_pending[i]);
        m_pending[i].clear();
    }
    m_rateChart->fitValues(0, std::max(m_maxRate, 10.0));
    m_statusChart->fitValues(0, std::max(m_maxStatus, 10.0));
    if (std::isinf(m_minLatency))
        m_latencyChart->fitValues(0.1, 10);
    else
        m_latencyChart->fitValues(m_minLatency, m_maxLatency);
}

void LoadLiveCharts::appendSeconds(const std::vector<server::LoadSecond>& seconds)
{
    if (seconds.empty())
        return;
    for (const server::LoadSecond& s : seconds)
        add(s);
    flush();
}

void LoadLiveCharts::showTimeline(
    std::int64_t startUnix, const std::vector<server::LoadSecond>& seconds, double endSecond)
{
    // Less than this much of a second is too little to make a rate of.
    constexpr double kLeast = 0.05;
    std::vector<std::pair<const server::LoadSecond*, double>> shown;
    for (const server::LoadSecond& s : seconds) {
        double scale = 1;
        if (endSecond >= 0) {
            const double part = std::min(1.0, endSecond - double(s.second));
            if (part < kLeast)
                continue;
            scale = part < 0.999 ? 1.0 / part : 1.0;
        }
        shown.emplace_back(&s, scale);
    }
    // A run too short for any whole second still shows what it has.
    if (shown.empty()) {
        for (const server::LoadSecond& s : seconds)
            shown.emplace_back(&s, 1.0);
    }
    double planned = 0;
    if (!shown.empty())
        planned = double(shown.back().first->second + 1);
    start(startUnix, planned);
    for (const auto& [s, scale] : shown)
        add(*s, scale);
    flush();
}

} // namespace tollgate::ui
