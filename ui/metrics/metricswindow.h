#pragma once

#include "server/metering/metricsview.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

#include <cstdint>

namespace tollgate::ui {

/// The span of time the Metrics page shows: live (the last 5 minutes or the
/// last minute, in seconds) or historical (the last hour, the last 24 hours
/// or a custom range, read from the metrics database in at most 600 points).
class MetricsWindow {
    Q_DECLARE_TR_FUNCTIONS(tollgate::ui::MetricsWindow)

public:
    enum Kind { LiveWindow, LiveMinuteWindow, HourWindow, DayWindow, CustomWindow };

    /// [from, to) in unix seconds, step seconds per point.
    struct Range {
        std::int64_t from = 0;
        std::int64_t to = 0;
        std::int64_t step = 1;
    };

    Kind kind() const { return m_kind; }
    /// A custom window gets the last three hours (as of now) when it has no
    /// range yet.
    void setKind(Kind kind);
    bool isLive() const { return m_kind == LiveWindow || m_kind == LiveMinuteWindow; }

    /// The range a custom window shows (kept while another window is shown).
    QDateTime customFrom() const { return m_customFrom; }
    QDateTime customTo() const { return m_customTo; }
    void setCustomRange(const QDateTime& from, const QDateTime& to);

    /// The window's bounds and step as of now (unix seconds).
    Range range(std::int64_t now) const;
    /// "Live, last minute", "Last hour, 10-second steps" for a view of this
    /// window.
    QString describe(const server::MetricsView& view) const;

private:
    Kind m_kind = LiveWindow;
    QDateTime m_customFrom;
    QDateTime m_customTo;
};

} // namespace tollgate::ui
