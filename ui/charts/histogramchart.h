#pragma once

#include "ui/charts/chartview.h"
#include "ui/charts/latencybins.h"

#include <QStringList>

#include <vector>

class QBarSeries;
class QBarSet;
class QCategoryAxis;
class QValueAxis;

namespace tollgate::ui {

/// The latency distribution of a window as bars (LatencyBin). Bar i sits at
/// x = i; a few of the edges between bars carry their latency in ms, so the
/// labels stay readable however narrow the bars get.
class HistogramChart final : public ChartView {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistogramChart)

public:
    explicit HistogramChart(QWidget* parent = nullptr);

    void setBins(const std::vector<LatencyBin>& bins);
    const std::vector<LatencyBin>& bins() const { return m_bins; }
    QBarSet* barSet() const { return m_set; }
    /// The edge labels shown under the bars, left to right.
    QStringList edgeLabels() const;

protected:
    void applyPalette() override;

private:
    void setEdges();

    QBarSeries* m_series;
    QBarSet* m_set;
    QCategoryAxis* m_x;
    QValueAxis* m_y;
    std::vector<LatencyBin> m_bins;
    double m_max = -1;
};

} // namespace tollgate::ui
