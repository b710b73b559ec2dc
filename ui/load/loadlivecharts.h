#pragma once

#include "server/load/loadplan.h"

#include <QList>
#include <QPointF>
#include <QWidget>

#include <cstdint>
#include <vector>

class QLineSeries;

namespace tollgate::ui {

class TimeChart;

/// The Load page's three time charts, drawn with the Metrics page's
/// TimeChart: throughput (requests answered per second; the warm-up in
/// grey; events per second of stream runs, messages in and out per second
/// of WebSocket runs), latency p50/p90/p99 per second on a log scale, and
/// the status split per second (2xx, 4xx, 5xx, errors without an answer).
/// Second s of a run is drawn at start + s on the time axis.
class LoadLiveCharts final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoadLiveCharts)

public:
    explicit LoadLiveCharts(QWidget* parent = nullptr);

    /// What the throughput chart draws next to the answers: nothing, the
    /// events of a stream run, or the messages in and out of a WebSocket run.
    enum class Extra { None, Events, Messages };
    void setExtra(Extra extra);
    /// The extra a run with these settings draws.
    static Extra extraFor(const server::LoadSettings& settings);
    Extra extra() const { return m_extra; }

    /// Empties the charts for a run starting at startUnix (unix seconds)
    /// that is planned to last plannedSeconds (0: unknown, the axis grows).
    void start(std::int64_t startUnix, double plannedSeconds);
    /// Adds completed seconds (in order, after those already shown).
    void appendSeconds(const std::vector<server::LoadSecond>& seconds);
    /// Shows a whole timeline at once (a finished or saved run). endSecond
    /// is when the run's counted part ended (warm-up + measured time, in
    /// seconds from the start; below 0: unknown): a second the run only
    /// partly lasted is drawn as a rate over that part, and the answers to
    /// requests still in flight at the end are left out, so the lines do
    /// not fall to the floor in the last second.
    void showTimeline(std::int64_t startUnix, const std::vector<server::LoadSecond>& seconds,
        double endSecond = -1);
    void clear();

    /// Seconds drawn so far.
    int secondCount() const { return m_seconds; }
    std::int64_t startTime() const { return m_start; }

    TimeChart* throughputChart() const { return m_rateChart; }
    TimeChart* latencyChart() const { return m_latencyChart; }
    TimeChart* statusChart() const { return m_statusChart; }
    QLineSeries* throughputLine() const { return m_rateLine; }
    QLineSeries* warmupLine() const { return m_warmupLine; }
    QLineSeries* p50Line() const { return m_p50Line; }
    QLineSeries* p90Line() const { return m_p90Line; }
    QLineSeries* p99Line() const { return m_p99Line; }
    QLineSeries* status2xxLine() const { return m_2xxLine; }
    QLineSeries* status4xxLine() const { return m_4xxLine; }
    QLineSeries* status5xxLine() const { return m_5xxLine; }
    QLineSeries* errorLine() const { return m_errorLine; }
    QLineSeries* eventLine() const { return m_eventLine; }
    QLineSeries* sentLine() const { return m_sentLine; }

private:
    /// scale: what counts are multiplied by to make them per second.
    void add(const server::LoadSecond& second, double scale = 1);
    void flush();
    void updateRange(std::int64_t lastSecond);

    TimeChart* m_rateChart;
    TimeChart* m_latencyChart;
    TimeChart* m_statusChart;
    QLineSeries* m_rateLine;
    QLineSeries* m_warmupLine;
    QLineSeries* m_p50Line;
    QLineSeries* m_p90Line;
    QLineSeries* m_p99Line;
    QLineSeries* m_2xxLine;
    QLineSeries* m_4xxLine;
    QLineSeries* m_5xxLine;
    QLineSeries* m_errorLine;
    QLineSeries* m_eventLine;
    QLineSeries* m_sentLine;
    Extra m_extra = Extra::None;

    // Points waiting for flush(), one list per line in the order above.
    QList<QList<QPointF>> m_pending;
    std::int64_t m_start = 0;
    double m_planned = 0;
    std::int64_t m_rangeEnd = 0;
    int m_seconds = 0;
    bool m_lastWasWarmup = false;
    QPointF m_lastWarmupPoint;
    double m_maxRate = 0;
    double m_maxStatus = 0;
    double m_minLatency = 0;
    double m_maxLatency = 0;
};

} // namespace tollgate::ui
