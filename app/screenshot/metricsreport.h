#pragma once

#include <QElapsedTimer>
#include <QObject>

#include <vector>

class QTimer;

namespace tollgate::ui {
class MainWindow;
}

namespace tollgate::app {

/// For bench/metrics-gui.sh: serves the workspace with the Metrics page
/// shown for a while, then prints how long the page's updates held the GUI
/// thread (wall and CPU time) and how late the event loop ran at worst, and
/// quits. The load comes from outside.
class MetricsReport final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MetricsReport)

public:
    explicit MetricsReport(ui::MainWindow* window, QObject* parent = nullptr);

    void start(int seconds);

private:
    void measure(int seconds);
    void print();

    ui::MainWindow* m_window;
    QTimer* m_probe;
    QElapsedTimer m_sinceTick;
    std::vector<double> m_updates;
    std::vector<double> m_cpu;
    double m_worstStallMs = 0;
};

} // namespace tollgate::app
