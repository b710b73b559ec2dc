#pragma once

#include "ui/charts/chartview.h"

#include <QColor>
#include <QList>
#include <QPointF>

#include <cstdint>

class QDateTimeAxis;
class QLineSeries;
class QLogValueAxis;
class QValueAxis;

namespace tollgate::ui {

/// A line chart over time: a date-time x axis and one value axis, linear or
/// logarithmic. Series are made once, before the chart is shown, and
/// refreshed with replace(), the cheap path. (Series attached to a chart
/// already on screen lose the time axis in Qt 6.4: make them up front and
/// hide the ones not in use.)
class TimeChart final : public ChartView {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimeChart)

public:
    enum Scale { Linear, Logarithmic };

    explicit TimeChart(QWidget* parent = nullptr, Scale scale = Linear);

    QLineSeries* addLine(const QString& name, const QColor& color,
        Qt::PenStyle style = Qt::SolidLine, qreal width = 2.0);

    /// [from, to) in unix seconds; the label format follows the span.
    void setTimeRange(std::int64_t from, std::int64_t to);
    /// Fits the value axis to [min, max]: nice bounds (whole decades on a
    /// logarithmic axis, where min must be above 0), changed only when they
    /// change. prefix goes before each label ("$").
    void fitValues(double min, double max, const QString& prefix = {});

    QDateTimeAxis* timeAxis() const { return m_x; }
    QAbstractAxis* valueAxis() const;
    /// Smallest value a logarithmic axis shows (values below are drawn here).
    static constexpr double kLogFloor = 0.001;

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    /// A logarithmic axis labels every decade while the labels fit, else
    /// every other one.
    void fitLogBase();

    QDateTimeAxis* m_x;
    QValueAxis* m_y = nullptr;
    QLogValueAxis* m_logY = nullptr;
    std::int64_t m_from = 0;
    std::int64_t m_to = 0;
    double m_min = 0;
    double m_max = 0;
    QString m_labelFormat;
};

} // namespace tollgate::ui
