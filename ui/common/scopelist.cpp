#include "ui/common/scopelist.h"

#include "ui/common/convert.h"

#include <QStringList>

#include <algorithm>

namespace tollgate::ui {

QString ScopeList::toText(const std::vector<std::string>& scopes)
{
    QStringList list;
    for (const std::string& s : scopes)
        list << toQt(s);
    return list.join(QStringLiteral(", "));
}

bool ScopeList::parse(const QString& text, std::vector<std::string>* out, QString* error)
{
    std::vector<std::string> scopes;
    const QStringList parts = text.split(QLatin1Char(','));
    for (const QString& part : parts) {
        const QString scope = part.trimmed();
        if (scope.isEmpty())
            continue;
        const bool bad = std::any_of(scope.begin(), scope.end(), [](QChar c) {
            return c.isSpace() || c == QLatin1Char('"') || c.category() == QChar::Other_Control;
        });
        if (bad) {
            if (error)
                *error = tr("\"%1\" is not a scope: scopes are separated by commas and contain no "
                            "spaces.")
                             .arg(scope);
            return false;
        }
        const std::string s = toStd(scope);
        if (std::find(scopes.begin(), scopes.end(), s) == scopes.end())
            scopes.push_back(s);
    }
    *out = std::move(scopes);
    return true;
}

} // namespace tollgate::ui
