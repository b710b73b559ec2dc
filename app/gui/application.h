#pragma once

#include <QCommandLineOption>
#include <QObject>
#include <QString>

#include <memory>

class QCommandLineParser;

namespace tollgate::ui {
class EngineFacade;
class MainWindow;
} // namespace tollgate::ui

namespace tollgate::app {

/// The GUI's composition root, kept out of main(): the application's
/// identity, translations, the command line, which workspace to open (the
/// argument, the last one used, or the demo installed on first run), and
/// the window over the real engine.
class Application final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Application)

public:
    explicit Application(QObject* parent = nullptr);
    /// Closes the window, then stops the engine.
    ~Application() override;

    /// Names settings and paths derive from, version, desktop file name and
    /// window icon. Call once the QApplication exists.
    static void setIdentity();

    /// Loads the UI and Qt translations for the system locale.
    void installTranslations();

    /// The user's options (a workspace, a theme), for a parser that may
    /// hold more; readOptions() takes their values from it once processed.
    void addOptions(QCommandLineParser* parser) const;
    void readOptions(const QCommandLineParser& parser);
    /// Parses the arguments; --help and --version print and exit the process.
    void parseCommandLine(const QStringList& arguments);

    /// Opens the workspace (when one can be had) and shows the window.
    void showMainWindow();
    /// The window, once shown.
    ui::MainWindow* window() const { return m_window.get(); }

    /// Copies the demo workspace from the resources into dir unless a
    /// workspace is already there. Returns false and sets *error on failure.
    static bool installDemoWorkspace(const QString& dir, QString* error);
    /// Where the demo is installed on first run.
    static QString demoWorkspaceDirectory();

private:
    QString chooseWorkspace();

    QCommandLineOption m_workspaceOption;
    QCommandLineOption m_themeOption;
    QString m_workspace;
    QString m_theme;
    // Declared before the window: the engine outlives it.
    std::unique_ptr<ui::EngineFacade> m_engine;
    std::unique_ptr<ui::MainWindow> m_window;
};

} // namespace tollgate::app
