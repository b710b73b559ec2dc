#include "ui/common/settings.h"

#include <QCryptographicHash>

namespace tollgate::ui::settings {

Key<QString> theme()
{
    return Key<QString>(QStringLiteral("view/theme"));
}

Key<QString> lastWorkspace()
{
    return Key<QString>(QStringLiteral("workspaces/last"));
}

Key<QStringList> recentWorkspaces()
{
    return Key<QStringList>(QStringLiteral("workspaces/recent"));
}

Key<QByteArray> windowGeometry()
{
    return Key<QByteArray>(QStringLiteral("window/geometry"));
}

Key<QByteArray> windowState()
{
    return Key<QByteArray>(QStringLiteral("window/state"));
}

Key<QByteArray> routeSplitter()
{
    return Key<QByteArray>(QStringLiteral("window/splitter"));
}

Key<QString> exposedBind(const QString& workspaceDir)
{
    return Key<QString>(QStringLiteral("server/exposedBind/")
        + QString::fromLatin1(workspaceDir.toUtf8().toBase64(QByteArray::Base64UrlEncoding)));
}

Key<bool> serveHttps(const QString& workspaceDir)
{
    return Key<bool>(QStringLiteral("server/https/")
        + QString::fromLatin1(workspaceDir.toUtf8().toBase64(QByteArray::Base64UrlEncoding)));
}

Key<QString> lastExportFolder()
{
    return Key<QString>(QStringLiteral("interchange/lastExportFolder"));
}

Key<QString> composerEnvironment(const QString& workspaceDir)
{
    return Key<QString>(QStringLiteral("composer/environment/")
        + QString::fromLatin1(workspaceDir.toUtf8().toBase64(QByteArray::Base64UrlEncoding)));
}

Key<QString> loadPageState(const QString& workspaceDir)
{
    const QByteArray hash
        = QCryptographicHash::hash(workspaceDir.toUtf8(), QCryptographicHash::Sha1).toHex();
    return Key<QString>(
        QStringLiteral("load/") + QString::fromLatin1(hash.left(16)) + QStringLiteral("/state"));
}

} // namespace tollgate::ui::settings
