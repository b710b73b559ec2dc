#include "ui/routes/routeresponsestab.h"

#include "ui/common/appearance.h"
#include "ui/common/convert.h"
#include "ui/common/widgetfactory.h"
#include "ui/routes/responseeditor.h"

#include <QHBoxLayout>
#include <QTabBar>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace tollgate::ui {

RouteResponsesTab::RouteResponsesTab(QWidget* parent)
    : RouteSection(parent)
    , m_tabs(new QTabBar(this))
{
    m_tabs->setObjectName(QStringLiteral("responseTabs"));
    m_tabs->setExpanding(false);
    m_tabs->setDrawBase(false);
    m_tabs->setElideMode(Qt::ElideRight);
    m_tabs->setUsesScrollButtons(true);
    connect(m_tabs, &QTabBar::currentChanged, this, [this](int index) {
        if (index < 0)
            return;
        m_response = index;
        refresh();
    });

    auto* add = iconButton(QStringLiteral("list-add"), tr("Add"), tr("Add a response"), this);
    add->setObjectName(QStringLiteral("addResponseButton"));
    connect(add, &QToolButton::clicked, this, [this] { addResponse(false); });
    auto* duplicate = iconButton(
        QStringLiteral("edit-copy"), tr("Duplicate"), tr("Duplicate this response"), this);
    duplicate->setObjectName(QStringLiteral("duplicateResponseButton"));
    connect(duplicate, &QToolButton::clicked, this, [this] { addResponse(true); });
    m_remove
        = iconButton(QStringLiteral("list-remove"), tr("Remove"), tr("Remove this response"), this);
    m_remove->setObjectName(QStringLiteral("removeResponseButton"));
    connect(m_remove, &QToolButton::clicked, this, &RouteResponsesTab::removeResponse);

    m_editor = new ResponseEditor(this);
    connect(m_editor, &ResponseEditor::edited, this,
        [this](const server::Response& response, const QString& field, const QString& text) {
            server::Route r = route();
            if (m_response < 0 || m_response >= int(r.responses.size()))
                return;
            r.responses[std::size_t(m_response)] = response;
            commit(r, QStringLiteral("response/%1/%2").arg(m_response).arg(field), text);
        });

    auto* bar = new QHBoxLayout;
    bar->setSpacing(2);
    bar->addWidget(m_tabs, 1);
    bar->addWidget(add);
    bar->addWidget(duplicate);
    bar->addWidget(m_remove);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 8, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(bar);
    layout->addWidget(m_editor, 1);
}

void RouteResponsesTab::load()
{
    const server::Route& r = route();
    loadTabs(r);
    m_response = r.responses.empty() ? -1 : std::clamp(m_response, 0, int(r.responses.size()) - 1);
    if (m_response >= 0)
        m_editor->setResponse(r.responses[std::size_t(m_response)], m_workspaceDir);
    m_editor->setEnabled(m_response >= 0);
}

void RouteResponsesTab::forget()
{
    m_response = 0;
}

void RouteResponsesTab::loadTabs(const server::Route& r)
{
    const QSignalBlocker blocker(m_tabs);
    while (m_tabs->count() > int(r.responses.size()))
        m_tabs->removeTab(m_tabs->count() - 1);
    for (int i = 0; i < int(r.responses.size()); ++i) {
        const server::Response& response = r.responses[std::size_t(i)];
        const QString title = responseTitle(response);
        if (i >= m_tabs->count())
            m_tabs->addTab(title);
        else if (m_tabs->tabText(i) != title)
            m_tabs->setTabText(i, title);
        m_tabs->setTabToolTip(i, tr("Response #%1").arg(i + 1));
        m_tabs->setTabTextColor(i, statusColor(response.status, palette()));
    }
    m_tabs->setCurrentIndex(std::clamp(m_response, 0, std::max(0, int(r.responses.size()) - 1)));
    m_remove->setEnabled(r.responses.size() > 1);
    // QTabBar only re-announces its size hint while visible; tabs added while
    // the editor page is hidden would otherwise leave it zero pixels high.
    m_tabs->updateGeometry();
}

void RouteResponsesTab::addResponse(bool duplicate)
{
    if (!hasRoute())
        return;
    server::Route r = route();
    server::Response response;
    if (duplicate && m_response >= 0 && m_response < int(r.responses.size())) {
        response = r.responses[std::size_t(m_response)];
        response.label = toStd(tr("%1 (copy)").arg(toQt(response.label)).trimmed());
    } else {
        response.status = 200;
        response.label = toStd(tr("Response %1").arg(r.responses.size() + 1));
        response.headers = { { "Content-Type", "application/json" } };
        response.body = "{}\n";
    }
    r.responses.push_back(response);
    m_response = int(r.responses.size()) - 1;
    commit(r, {}, duplicate ? tr("Duplicate response") : tr("Add response"));
    refresh();
}

void RouteResponsesTab::removeResponse()
{
    server::Route r = route();
    if (!hasRoute() || r.responses.size() <= 1 || m_response < 0
        || m_response >= int(r.responses.size()))
        return;
    const int removed = m_response;
    r.responses.erase(r.responses.begin() + removed);
    // Rules and the default refer to responses by index: keep them pointing
    // at the same responses, and send the removed one's users to the first.
    const auto remap = [removed](int index) {
        if (index == removed)
            return 0;
        return index > removed ? index - 1 : index;
    };
    for (server::Rule& rule : r.rules)
        rule.response = remap(rule.response);
    r.defaultResponse = remap(r.defaultResponse);
    // The upstream's answer while its breaker is open: the removed one's
    // becomes the plain 503 (a route file must not name a missing response).
    int& open = r.upstream.openResponse;
    if (open >= 0)
        open = open == removed ? -1 : remap(open);
    m_response = std::min(removed, int(r.responses.size()) - 1);
    commit(r, {}, tr("Remove response"));
    refresh();
}

} // namespace tollgate::ui
