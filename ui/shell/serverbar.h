#pragma once

#include <QToolBar>

class QAction;
class QComboBox;
class QLabel;
class QSpinBox;

namespace tollgate::ui {

class ServerController;
class WorkspaceDocument;

/// The server strip at the top: start/stop, bind address, port, state and
/// the base URL to copy. Address and port are workspace settings.
class ServerBar final : public QToolBar {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServerBar)

public:
    ServerBar(ServerController* controller, WorkspaceDocument* document, QWidget* parent = nullptr);

    QAction* startAction() const { return m_start; }
    QAction* stopAction() const { return m_stop; }
    QAction* copyUrlAction() const { return m_copyUrl; }
    QAction* recordAction() const { return m_record; }
    QAction* offlineAction() const { return m_offline; }
    QAction* httpsAction() const { return m_https; }
    QAction* exportCaAction() const { return m_exportCa; }

    /// Starts the server, reporting a bind failure in the bar.
    void startServer();
    void copyBaseUrl();
    /// Asks where to save the local CA's certificate, and saves it there.
    void exportCertificateAuthority();
    /// Saves the local CA's certificate to `file` (made first when there is
    /// none), then says how to trust it.
    bool exportCertificateAuthorityTo(const QString& file);

Q_SIGNALS:
    /// Something the status bar should say for a moment.
    void message(const QString& text);

private:
    void updateState();
    void loadSettings();
    void commitAddress();
    /// Asks whether to serve on an address other machines can reach.
    bool confirmExposure(const QString& address);
    void commitPort();
    void updateRecording();

    ServerController* m_controller;
    WorkspaceDocument* m_document;
    QAction* m_start;
    QAction* m_stop;
    QAction* m_copyUrl;
    QAction* m_record;
    QAction* m_offline;
    QAction* m_https;
    QAction* m_exportCa;
    QLabel* m_recorded;
    QAction* m_recordedItem = nullptr; // the label's place in the bar (shows and hides it)
    QComboBox* m_bind;
    QSpinBox* m_port;
    QLabel* m_status;
    QString m_lastBind;
};

} // namespace tollgate::ui
