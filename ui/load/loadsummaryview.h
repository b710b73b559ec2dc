#pragma once

#include "server/load/loadplan.h"
#include "server/metering/latencyhistogram.h"

#include <QHash>
#include <QString>
#include <QWidget>

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

class QLabel;
class QStackedWidget;

namespace tollgate::ui {

class HistogramChart;

/// The headline numbers of a load run: requests, throughput, latency
/// p50/p90/p99/p99.9/max, status codes, errors by kind, warm-up and missed
/// requests, the thresholds' outcomes, next to the latency histogram (the
/// Metrics page's HistogramChart). A WebSocket run shows sessions and
/// messages per second in the first tiles and its handshakes' times in the
/// others. While a run goes on it shows the measured part so far.
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
        bool stream = false; ///< the run reads Server-Sent Events
        bool webSocket = false; ///< the run holds WebSocket sessions
        std::uint64_t events = 0; ///< events (messages) received, measured part
        std::uint64_t sent = 0; ///< WebSocket messages sent, measured part
        /// The thresholds as last checked (waiting ones until then).
        std::vector<server::ThresholdResult> thresholds;
        std::string abortedBy; ///< the threshold that is stopping the run
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
    /// The caption under a tile ("requests"; "sessions" for a WebSocket run).
    QString tileCaption(const QString& key) const;
    QString notesText() const;
    QString statusText() const;
    QString errorText() const;
    /// The thresholds as shown, as plain text (LoadThresholdText::plain);
    /// empty when the run has none.
    QString thresholdText() const;
    HistogramChart* histogram() const { return m_histogram; }
    bool hasResults() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    /// Stream runs: streams, events and tokens with their rates, the time to
    /// the first event.
    static QString streamText(const server::LoadReport& report);
    /// WebSocket runs: sessions opened and held, messages in and out with
    /// their rates, the time to the first message, the echoes' round trip.
    static QString webSocketText(const server::LoadReport& report);
    void setTiles(std::uint64_t requests, double throughput, const server::LatencyHistogram& h);
    /// The first tiles' captions and tips, and the histogram's title, for a
    /// WebSocket run or any other.
    void setWebSocketCaptions(bool webSocket);

    QStackedWidget* m_stack;
    QLabel* m_placeholder;
    QHash<QString, QLabel*> m_tiles;
    QHash<QString, QLabel*> m_captions;
    QLabel* m_caption;
    QLabel* m_statuses;
    QLabel* m_errors;
    QLabel* m_notes;
    QLabel* m_thresholds = nullptr;
    HistogramChart* m_histogram;
    void showStatuses();
    void showThresholds();

    // What the status line is made from, to colour it again on a palette
    // change: codes of a report, or classes (100, 200 ... 500) while live.
    std::map<int, std::uint64_t> m_codes;
    bool m_classesOnly = false;
    // The thresholds shown, for the same reason.
    std::vector<server::ThresholdResult> m_results;
    std::string m_abortedBy;
    bool m_live = false;
};

} // namespace tollgate::ui
