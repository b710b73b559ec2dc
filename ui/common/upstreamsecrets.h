#pragma once

#include "server/workspace/workspace.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace tollgate::ui {

class SecretStore;

/// The secret values of upstream headers. A header names its secret
/// (UpstreamHeader::secretEnv); the value is typed once in the route
/// editor's Upstream tab and kept here: in the OS keychain when there is
/// one (a SecretStore of its own, by secret name), in memory otherwise,
/// never in a workspace file. The engine reads values through reader(), on
/// its own threads, before the process environment.
class UpstreamSecrets final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UpstreamSecrets)

public:
    /// Where a secret's value comes from when the engine reads it.
    enum class Source {
        Missing, ///< nowhere: a route that needs it is left out
        App, ///< this app (the keychain, or memory for this session)
        Environment, ///< the variable of that name in the app's environment
    };

    /// What server::Engine::setUpstreamAccess takes (a server::SecretReader).
    using Reader = std::function<std::optional<std::string>(const std::string&)>;

    explicit UpstreamSecrets(QObject* parent = nullptr);
    ~UpstreamSecrets() override;

    /// Whether values are written to the OS keychain; keychainProblem()
    /// says why not.
    bool persistent() const;
    QString keychainProblem() const;

    /// Keeps a value under a secret name (empty values are not kept);
    /// secretsChanged() follows.
    void store(const QString& name, const QString& value);
    /// Drops the app's value of a secret (the environment may still set it).
    void forget(const QString& name);
    Source source(const QString& name) const;

    /// Asks the keychain for these secrets; secretsChanged() follows for
    /// each one found.
    void load(const QStringList& names);
    /// The secret names a workspace's upstreams use (routes and fallback).
    static QStringList namesIn(const server::Workspace& workspace);

    /// Reads a value by name: the app's, else the environment's. Safe on any
    /// thread and after this object is gone (it then knows no app values).
    Reader reader() const;

Q_SIGNALS:
    void secretsChanged();

private:
    struct Values;

    SecretStore* m_store;
    std::shared_ptr<Values> m_values;
};

} // namespace tollgate::ui
