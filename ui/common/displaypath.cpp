#include "ui/common/displaypath.h"

#include <QDir>

namespace tollgate::ui {

QString displayPath(const QString& path)
{
#ifndef Q_OS_WIN
    const QString home = QDir::cleanPath(QDir::homePath());
    const QString clean = QDir::cleanPath(path);
    if (home != QLatin1String("/") && !home.isEmpty()) {
        if (clean == home)
            return QStringLiteral("~");
        if (clean.startsWith(home + QLatin1Char('/')))
            return QLatin1Char('~') + clean.mid(home.size());
    }
#endif
    return QDir::toNativeSeparators(path);
}

QString typedPath(const QString& text, const QString& base)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return {};
    QString path = QDir::fromNativeSeparators(trimmed);
#ifndef Q_OS_WIN
    if (path == QLatin1String("~"))
        path = QDir::homePath();
    else if (path.startsWith(QLatin1String("~/")))
        path = QDir::homePath() + path.mid(1);
#endif
    return QDir::cleanPath(QDir(base).absoluteFilePath(path));
}

} // namespace tollgate::ui
