#pragma once

#include "server/load/loadplan.h"
#include "server/metering/latencyhistogram.h"

#include <QHash>
#include <QString>
#include <QWidget>

#include <array>
#include <cstdint>
#include <map>

class QLabel;
class QStackedWidget;

namespace tollgate::ui {

class HistogramChart;

/// The headline numbers of a load run: requests, throughput, latency
/// p50/p90/p99/p99.9/max, status codes, errors by kind, warm-up and missed
/// requests, next to the latency histogram (the Metrics page's
/// HistogramChart). While a run goes on it shows the measured part so far.
class LoadSummaryView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoadSummaryView)

public:
    /// What the live view knows before the report: sums of the seconds.
    struct Live {
        std::uint64_t requests = 0; ///< answered, measured part
        double seconds = 0; ///< measured seconds so far
        std::array<std::uint64_t, 6> classes {};
        std::uint64_t errors = 0;
        server::LatencyHistogram latency;
        std::uint64_t warmupRequests = 0;
    };

    explicit LoadSummaryView(QWidget* parent = nullptr);

    /// A finished (or saved) run. tierNames maps tier ids to names.
    void setReport(const server::LoadReport& report);
    /// The measured part of a running test so far.
    void setLive(const Live& live);
    /// Nothing to show: the placeholder text instead.
    void clear(const QString& placeholder = {});

    /// A tile's value as shown: "requests", "throughput", "p50", "p90",
    /// "p99", "p999", "max".
    QString tileText(const QString& key) const;
    QString statusText() const;
    QString errorText() const;
    HistogramChart* histogram() const { return m_histogram; }
    bool hasResults() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    /// Stream runs: streams, events and tokens with their rates, the time to
    /// the first event.
    static QString streamText(const server::LoadReport& report);
    void setTiles(std::uint64_t requests, double throughput, const server::LatencyHistogram& h);

    QStackedWidget* m_stack;
    QLabel* m_placeholder;
    QHash<QString, QLabel*> m_tiles;
    QLabel* m_caption;
    QLabel* m_statuses;
    QLabel* m_errors;
    QLabel* m_notes;
    HistogramChart* m_histogram;
    void showStatuses();

    // What the status line is made from, to colour it again on a palette
    // change: codes of a report, or classes (100, 200 ... 500) while live.
    std::map<int, std::uint64_t> m_codes;
    bool m_classesOnly = false;
};

} // namespace tollgate::ui
