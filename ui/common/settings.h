#pragma once

// Every QSettings entry the app keeps (per user, not per workspace file),
// typed and declared once. Names are stable: changing one loses what users
// have stored under it.

#include <QByteArray>
#include <QSettings>
#include <QString>
#include <QStringList>
#include <QVariant>

namespace tollgate::ui::settings {

template <typename T> class Key {
public:
    explicit Key(QString name, T fallback = T())
        : m_name(std::move(name))
        , m_fallback(std::move(fallback))
    {
    }
    const QString& name() const { return m_name; }
    T read() const
    {
        return QSettings().value(m_name, QVariant::fromValue(m_fallback)).template value<T>();
    }
    void write(const T& value) const { QSettings().setValue(m_name, QVariant::fromValue(value)); }
    void remove() const { QSettings().remove(m_name); }

private:
    QString m_name;
    T m_fallback;
};

/// The colour theme ("system", "light", "dark").
Key<QString> theme();
/// The workspace opened last, and the recently opened ones (newest first).
Key<QString> lastWorkspace();
Key<QStringList> recentWorkspaces();
/// The main window's geometry, dock state and route splitter.
Key<QByteArray> windowGeometry();
Key<QByteArray> windowState();
Key<QByteArray> routeSplitter();
/// The address beyond loopback the user agreed to serve a workspace directory
/// on; empty when none. A cloned workspace's tollgate.json can name 0.0.0.0,
/// and the server is not exposed on it until the user says so for that folder.
Key<QString> exposedBind(const QString& workspaceDir);
/// Whether the embedded server serves a workspace directory over HTTPS, with
/// the app's local certificate (LocalTls).
Key<bool> serveHttps(const QString& workspaceDir);
/// The folder File ▸ Export wrote into last.
Key<QString> lastExportFolder();
/// The Requests page's environment for a workspace directory.
Key<QString> composerEnvironment(const QString& workspaceDir);
/// The Load page's settings and route mix for a workspace directory (JSON).
Key<QString> loadPageState(const QString& workspaceDir);

} // namespace tollgate::ui::settings
