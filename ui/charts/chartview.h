#pragma once

#include <QChartView>

class QAbstractAxis;

namespace tollgate::ui {

/// A QChartView styled like the rest of the window: antialiased, no
/// animations (they would cost every 250 ms refresh), colours and fonts from
/// the palette so the light and dark themes both read, and an optional
/// corner widget (a small picker) over the chart's top-right corner.
class ChartView : public QChartView {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChartView)

public:
    explicit ChartView(QWidget* parent = nullptr);

    void setTitle(const QString& title);
    /// Shown over the top-right corner of the chart; owned by the view.
    void setCornerWidget(QWidget* widget);

    /// Nice axis bounds for data in [min, max]: five ticks, 1, 2, 2.5 or 5
    /// times a power of ten apart. Returns the tick count; *decimals is what
    /// a label needs to tell ticks apart.
    static int niceRange(double* min, double* max, int* decimals);

protected:
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

    /// Styles an axis the way every chart here looks (call after adding it).
    void styleAxis(QAbstractAxis* axis) const;
    /// Re-applies the palette to the chart, its axes and legend.
    virtual void applyPalette();

private:
    void placeCornerWidget();

    QWidget* m_corner = nullptr;
};

} // namespace tollgate::ui
