#pragma once

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

#include <string>

class QLineSeries;

namespace tollgate::ui {

class TimeChart;
class WorkspaceDocument;

/// The lines of a chart drawn per tier (money per request, tokens per
/// second). They are made up front and hidden: a series added to a chart
/// already on screen loses its time axis (TimeChart). A tier takes a free
/// line when it first shows up, named and coloured after the workspace's
/// tier so it looks the same on every chart, and gives it back once it is
/// gone from the window.
class TierLines {
    Q_DECLARE_TR_FUNCTIONS(tollgate::ui::TierLines)

public:
    /// Tiers charted at once; a workspace with more shows the first ones.
    static constexpr int kMaxLines = 8;

    /// Adds kMaxLines hidden lines to chart.
    TierLines(TimeChart* chart, const WorkspaceDocument* document);

    /// Frees the lines of tiers not in `tiers` (ids as text).
    void keepOnly(const QSet<QString>& tiers);
    /// The line of a tier id (kNoneDimension: requests without a key),
    /// taking a free one; null when all are taken.
    QLineSeries* line(const std::string& tier);

private:
    const WorkspaceDocument* m_document;
    QList<QLineSeries*> m_lines;
    QHash<QString, QLineSeries*> m_lineOfTier;
};

} // namespace tollgate::ui
