#pragma once

#include <QObject>
#include <QString>

#include <memory>

class QApplication;
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

    std::unique_ptr<MainWindow> m_window;
    QString m_workspace;
    QString m_screenshot;
    QString m_theme;
    QString m_page;
    bool m_startupReport = false;
    bool m_reportedPaint = false;
};

} // namespace tollgate::ui
