#include "ui/metrics/metricstoolbar.h"

#include "ui/common/convert.h"
#include "ui/document/workspacedocument.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QToolButton>

#include <algorithm>

namespace tollgate::ui {

namespace {

QLabel* caption(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

// Makes a filter combo list "All" and then names (current among them, even
// when the window has not seen it), unless it lists exactly those already.
template <class Label>
void syncNames(QComboBox* combo, std::vector<std::string> names, const std::string& current,
    const QString& noneText, const Label& label)
{
    if (!current.empty() && std::find(names.begin(), names.end(), current) == names.end()) {
        names.push_back(current);
        std::sort(names.begin(), names.end());
    }
    bool same = combo->count() == int(names.size()) + 1;
    for (std::size_t i = 0; same && i < names.size(); ++i)
        same = combo->itemData(int(i) + 1).toString() == toQt(names[i]);
    if (same)
        return;
    const QSignalBlocker blocker(combo);
    while (combo->count() > 1)
        combo->removeItem(1);
    for (const std::string& name : names) {
        const bool none = name.empty() || name == server::kNoneDimension;
        combo->addItem(none ? noneText : label(name), toQt(name));
        combo->setItemData(combo->count() - 1, toQt(name), Qt::ToolTipRole);
    }
    combo->setCurrentIndex(std::max(0, combo->findData(toQt(current))));
}

void selectName(QComboBox* combo, const std::string& value)
{
    const QSignalBlocker blocker(combo);
    int index = combo->findData(toQt(value));
    if (index < 0) {
        // Not seen in this window (yet): offer it anyway.
        combo->addItem(toQt(value), toQt(value));
        index = combo->count() - 1;
    }
    combo->setCurrentIndex(index);
}

} // namespace

MetricsToolbar::MetricsToolbar(WorkspaceDocument* document, QWidget* parent)
    : QWidget(parent)
    , m_document(document)
{
    setObjectName(QStringLiteral("metricsToolbar"));

    m_windowCombo = new QComboBox(this);
    m_windowCombo->setObjectName(QStringLiteral("metricsWindowCombo"));
    m_windowCombo->addItem(tr("Live: last 5 minutes"), int(MetricsWindow::LiveWindow));
    m_windowCombo->addItem(tr("Live: last minute"), int(MetricsWindow::LiveMinuteWindow));
    m_windowCombo->addItem(tr("Last hour"), int(MetricsWindow::HourWindow));
    m_windowCombo->addItem(tr("Last 24 hours"), int(MetricsWindow::DayWindow));
    m_windowCombo->addItem(tr("Custom…"), int(MetricsWindow::CustomWindow));
    m_windowCombo->setToolTip(tr("Live windows update four times a second; the others are read "
                                 "from the workspace's metrics database"));
    connect(m_windowCombo, &QComboBox::activated, this, [this](int index) {
        Q_EMIT windowChosen(MetricsWindow::Kind(m_windowCombo->itemData(index).toInt()));
    });

    m_customBox = new QWidget(this);
    m_fromEdit = new QDateTimeEdit(m_customBox);
    m_fromEdit->setObjectName(QStringLiteral("metricsFromEdit"));
    m_toEdit = new QDateTimeEdit(m_customBox);
    m_toEdit->setObjectName(QStringLiteral("metricsToEdit"));
    for (QDateTimeEdit* edit : { m_fromEdit, m_toEdit }) {
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
        edit->setCalendarPopup(true);
        connect(edit, &QDateTimeEdit::editingFinished, this, [this] {
            if (m_windowCombo->currentData().toInt() == MetricsWindow::CustomWindow)
                Q_EMIT customRangeChosen(m_fromEdit->dateTime(), m_toEdit->dateTime());
        });
    }
    auto* customLayout = new QHBoxLayout(m_customBox);
    customLayout->setContentsMargins(0, 0, 0, 0);
    customLayout->addWidget(caption(tr("From"), m_customBox));
    customLayout->addWidget(m_fromEdit);
    customLayout->addWidget(caption(tr("to"), m_customBox));
    customLayout->addWidget(m_toEdit);
    m_customBox->hide();

    m_routeFilter = filterCombo("metricsRouteFilter", tr("Show only the requests of one route"));
    m_tierFilter
        = filterCombo("metricsTierFilter", tr("Show only requests made with keys of one tier"));
    m_keyFilter = filterCombo("metricsKeyFilter", tr("Show only the requests of one key"));

    auto* exportPng = new QToolButton(this);
    exportPng->setObjectName(QStringLiteral("metricsExportPngButton"));
    exportPng->setText(tr("Export PNG…"));
    exportPng->setToolTip(tr("Save the charts as a picture"));
    connect(exportPng, &QToolButton::clicked, this, &MetricsToolbar::exportPngClicked);
    auto* exportCsv = new QToolButton(this);
    exportCsv->setObjectName(QStringLiteral("metricsExportCsvButton"));
    exportCsv->setText(tr("Export CSV…"));
    exportCsv->setToolTip(tr("Save the series and the route table of this window as CSV files"));
    connect(exportCsv, &QToolButton::clicked, this, &MetricsToolbar::exportCsvClicked);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 0, 10, 0);
    layout->setSpacing(6);
    const auto labelled = [this, layout](const QString& text, QWidget* field) {
        auto* label = new QLabel(text, this);
        label->setBuddy(field);
        layout->addWidget(label);
        layout->addWidget(field);
    };
    labelled(tr("&Window:"), m_windowCombo);
    layout->addWidget(m_customBox);
    layout->addSpacing(14);
    labelled(tr("&Route:"), m_routeFilter);
    labelled(tr("&Tier:"), m_tierFilter);
    labelled(tr("&Key:"), m_keyFilter);
    layout->addStretch(1);
    m_retention = retentionSpin();
    labelled(tr("&History:"), m_retention);
    layout->addSpacing(14);
    layout->addWidget(exportPng);
    layout->addWidget(exportCsv);
}

MetricsToolbar::~MetricsToolbar() = default;

QComboBox* MetricsToolbar::filterCombo(const char* name, const QString& tip)
{
    auto* combo = new QComboBox(this);
    combo->setObjectName(QString::fromLatin1(name));
    combo->setToolTip(tip);
    combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    combo->setMinimumContentsLength(8);
    combo->setMaximumWidth(260);
    combo->addItem(tr("All"), QString());
    connect(combo, &QComboBox::activated, this, &MetricsToolbar::chooseFilter);
    return combo;
}

// How long metrics.db keeps per-minute history: a workspace setting
// (server.metrics.retentionDays), undoable like any other edit.
QSpinBox* MetricsToolbar::retentionSpin()
{
    auto* spin = new QSpinBox(this);
    spin->setObjectName(QStringLiteral("metricsRetentionSpin"));
    spin->setRange(1, 3650);
    spin->setSuffix(tr(" days"));
    spin->setKeyboardTracking(false);
    spin->setToolTip(tr("How long the per-minute history in .tollgate/metrics.db is kept "
                        "(per-second history: one day)"));
    spin->setValue(m_document->workspace().server.metricsRetentionDays);
    connect(spin, &QSpinBox::valueChanged, this, [this](int days) {
        server::ServerSettings settings = m_document->workspace().server;
        if (settings.metricsRetentionDays == days)
            return;
        settings.metricsRetentionDays = days;
        m_document->setServerSettings(settings, tr("Change metrics history"));
    });
    const auto sync = [this, spin] {
        const QSignalBlocker blocker(spin);
        spin->setValue(m_document->workspace().server.metricsRetentionDays);
    };
    connect(m_document, &WorkspaceDocument::settingsChanged, this, sync);
    connect(m_document, &WorkspaceDocument::opened, this, sync);
    return spin;
}

void MetricsToolbar::showWindow(const MetricsWindow& window)
{
    {
        const QSignalBlocker blocker(m_windowCombo);
        m_windowCombo->setCurrentIndex(m_windowCombo->findData(int(window.kind())));
    }
    const bool custom = window.kind() == MetricsWindow::CustomWindow;
    if (custom) {
        const QSignalBlocker blockFrom(m_fromEdit);
        const QSignalBlocker blockTo(m_toEdit);
        m_fromEdit->setDateTime(window.customFrom());
        m_toEdit->setDateTime(window.customTo());
    }
    m_customBox->setVisible(custom);
}

void MetricsToolbar::showFilter(const server::MetricsFilter& filter)
{
    selectName(m_routeFilter, filter.route);
    selectName(m_tierFilter, filter.tier);
    selectName(m_keyFilter, filter.key);
}

void MetricsToolbar::offerNames(
    const server::MetricsView& view, const server::MetricsFilter& current)
{
    syncNames(m_routeFilter, view.routeNames, current.route, tr("No matching route"),
        [](const std::string& name) { return toQt(name); });
    syncNames(m_tierFilter, view.tierNames, current.tier, tr("No tier (no key)"),
        [this](const std::string& id) { return tierLabel(id); });
    syncNames(m_keyFilter, view.keyNames, current.key, tr("No key"),
        [this](const std::string& id) { return keyLabel(id); });
}

QString MetricsToolbar::keyLabel(const std::string& id) const
{
    for (const server::ApiKey& k : m_document->keys()) {
        if (k.id != id)
            continue;
        if (!k.label.empty())
            return toQt(k.label);
        if (!k.prefix.empty())
            return toQt(k.prefix) + QStringLiteral("…");
    }
    return toQt(id);
}

QString MetricsToolbar::tierLabel(const std::string& id) const
{
    const server::Tier* tier = server::findTier(m_document->tiers(), id);
    return tier && !tier->name.empty() ? toQt(tier->name) : toQt(id);
}

void MetricsToolbar::chooseFilter()
{
    server::MetricsFilter f;
    f.route = toStd(m_routeFilter->currentData().toString());
    f.tier = toStd(m_tierFilter->currentData().toString());
    f.key = toStd(m_keyFilter->currentData().toString());
    Q_EMIT filterChosen(f);
}

} // namespace tollgate::ui
