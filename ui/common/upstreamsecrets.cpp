#include "ui/common/upstreamsecrets.h"

#include "ui/common/convert.h"
#include "ui/common/secretstore.h"

#include <QHash>

#include <cstdlib>
#include <map>
#include <mutex>

namespace tollgate::ui {

/// The values the engine's threads read, copied from the store on every
/// change.
struct UpstreamSecrets::Values {
    std::mutex mutex;
    std::map<std::string, std::string, std::less<>> byName;
};

UpstreamSecrets::UpstreamSecrets(QObject* parent)
    : QObject(parent)
    , m_store(new SecretStore(QStringLiteral("Tollgate upstream secrets"), this))
    , m_values(std::make_shared<Values>())
{
    connect(m_store, &SecretStore::secretsChanged, this, [this] {
        std::map<std::string, std::string, std::less<>> copy;
        const QHash<QString, QString>& secrets = m_store->secrets();
        for (auto it = secrets.begin(); it != secrets.end(); ++it)
            copy.emplace(toStd(it.key()), toStd(it.value()));
        {
            const std::lock_guard lock(m_values->mutex);
            m_values->byName.swap(copy);
        }
        Q_EMIT secretsChanged();
    });
}

UpstreamSecrets::~UpstreamSecrets()
{
    // A reader the engine still holds knows no app values from now on.
    const std::lock_guard lock(m_values->mutex);
    m_values->byName.clear();
}

bool UpstreamSecrets::persistent() const
{
    return m_store->persistent();
}

QString UpstreamSecrets::keychainProblem() const
{
    return m_store->keychainProblem();
}

void UpstreamSecrets::store(const QString& name, const QString& value)
{
    m_store->store(name, value);
}

void UpstreamSecrets::forget(const QString& name)
{
    m_store->forget(name);
}

UpstreamSecrets::Source UpstreamSecrets::source(const QString& name) const
{
    if (name.isEmpty())
        return Source::Missing;
    if (m_store->knows(name))
        return Source::App;
    return qEnvironmentVariableIsSet(name.toLocal8Bit().constData()) ? Source::Environment
                                                                     : Source::Missing;
}

void UpstreamSecrets::load(const QStringList& names)
{
    m_store->load(names);
}

QStringList UpstreamSecrets::namesIn(const server::Workspace& workspace)
{
    QStringList names;
    const auto add = [&names](const server::Upstream& upstream) {
        for (const server::UpstreamHeader& h : upstream.headers) {
            const QString name = toQt(h.secretEnv);
            if (!name.isEmpty() && !names.contains(name))
                names << name;
        }
    };
    for (const server::Route& route : workspace.routes)
        add(route.upstream);
    add(workspace.server.fallback);
    return names;
}

UpstreamSecrets::Reader UpstreamSecrets::reader() const
{
    return [values = m_values](const std::string& name) -> std::optional<std::string> {
        {
            const std::lock_guard lock(values->mutex);
            const auto it = values->byName.find(name);
            if (it != values->byName.end())
                return it->second;
        }
        if (const char* value = std::getenv(name.c_str()))
            return std::string(value);
        return std::nullopt;
    };
}

} // namespace tollgate::ui
