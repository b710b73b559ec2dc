#include "ui/routes/routesection.h"

#include "ui/common/convert.h"
#include "ui/common/httpstatus.h"

#include <QScopedValueRollback>

namespace tollgate::ui {

RouteSection::RouteSection(QWidget* parent)
    : QWidget(parent)
{
}

RouteSection::~RouteSection()
{
    // ~QWidget, which runs after this, may move the focus out of a line edit
    // (closing the window that holds the section), and its editingFinished
    // would reach a handler of the section already destroyed (UBSan saw it).
    for (QObject* child : findChildren<QObject*>())
        QObject::disconnect(child, nullptr, this, nullptr);
}

void RouteSection::showRoute(const server::Route& route)
{
    m_route = route;
    m_hasRoute = true;
    refresh();
}

void RouteSection::clearRoute()
{
    m_route = {};
    m_hasRoute = false;
    forget();
}

void RouteSection::commit(const server::Route& route, const QString& field, const QString& text)
{
    if (!m_hasRoute || m_loading)
        return;
    Q_EMIT edited(route, field, text);
}

void RouteSection::refresh()
{
    if (!m_hasRoute)
        return;
    const QScopedValueRollback loading(m_loading, true);
    load();
}

QString RouteSection::responseTitle(const server::Response& response)
{
    const QString label
        = response.label.empty() ? reasonPhrase(response.status) : toQt(response.label);
    return label.isEmpty() ? QString::number(response.status)
                           : QString(QString::number(response.status) + QLatin1Char(' ') + label);
}

} // namespace tollgate::ui
