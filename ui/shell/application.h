#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>

#include <memory>

class QApplication;
class QNetworkAccessManager;
class QTranslator;

namespace tollgate::ui {

class MainWindow;

/// Start-up logic of the GUI, kept out of main(): translations, the command
/// line, which workspace to open (argument, last used, or the demo installed
/// on first run), and the documentation screenshot mode.
class Application : public QObject {
    Q_OBJECT

public:
    explicit Application(QObject* parent = nullptr);
    ~Application() override;

    /// Loads the UI and Qt translations for the system locale.
    void installTranslations();

    /// Parses the arguments; --help and --version print and exit the process.
    void parseCommandLine(const QStringList& arguments);

    /// Opens the workspace (when one can be had) and shows the window.
    void showMainWindow();

    /// Copies the demo workspace from the resources into dir unless a
    /// workspace is already there. Returns false and sets *error on failure.
    static bool installDemoWorkspace(const QString& dir, QString* error);
    /// Where the demo is installed on first run.
    static QString demoWorkspaceDirectory();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QString chooseWorkspace();
    void takeScreenshot();
    bool sendScreenshotRequest();
    bool driveScreenshotTraffic();
    void sendScreenshotTraffic(int tick);
    void startMetricsReport(int seconds);
    bool driveLoadScreenshot();

    std::unique_ptr<MainWindow> m_window;
    QString m_workspace;
    QString m_screenshot;
    QString m_theme;
    QString m_page;
    QNetworkAccessManager* m_network = nullptr;
    /// Secrets of the keys made for the metrics screenshot: free, pro, enterprise.
    QList<QByteArray> m_screenshotKeys;
    int m_trafficSent = 0;
    bool m_startupReport = false;
    bool m_reportedPaint = false;
    int m_metricsReportSeconds = 0;
};

} // namespace tollgate::ui
