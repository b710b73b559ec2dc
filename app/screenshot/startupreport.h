#pragma once

#include <QObject>

namespace tollgate::ui {
class MainWindow;
}

namespace tollgate::app {

/// For bench/gui.sh: prints the time from process start to the window's
/// first paint, then, after 3 s idle, the resident set, and quits.
class StartupReport final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StartupReport)

public:
    /// Watches window from now on; call before the event loop paints it.
    explicit StartupReport(ui::MainWindow* window, QObject* parent = nullptr);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    ui::MainWindow* m_window;
    bool m_painted = false;
};

} // namespace tollgate::app
