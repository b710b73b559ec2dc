#include "ui/shell/trafficlogview.h"

#include "ui/common/appearance.h"
#include "ui/shell/trafficlogmodel.h"

#include <QApplication>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace tollgate::ui {

TrafficLogView::TrafficLogView(TrafficLogModel* model, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_proxy(new QSortFilterProxyModel(this))
    , m_view(new QTableView(this))
    , m_filter(new QLineEdit(this))
    , m_clear(new QToolButton(this))
    , m_count(new QLabel(this))
    , m_placeholder(new QLabel(m_view->viewport()))
{
    m_proxy->setSourceModel(model);
    m_proxy->setFilterRole(TrafficLogModel::FilterRole);
    m_proxy->setFilterKeyColumn(0);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);

    m_filter->setObjectName(QStringLiteral("trafficFilterEdit"));
    m_filter->setPlaceholderText(tr("Filter by method, path, status or request ID"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString& text) {
        m_proxy->setFilterFixedString(text);
        updateCount();
    });

    m_clear->setObjectName(QStringLiteral("clearTrafficButton"));
    m_clear->setText(tr("Clear"));
    m_clear->setToolTip(tr("Remove every request from the log"));
    m_clear->setIcon(QIcon::fromTheme(QStringLiteral("edit-clear-history")));
    m_clear->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_clear->setAutoRaise(true);
    connect(m_clear, &QToolButton::clicked, model, &TrafficLogModel::clear);

    m_count->setObjectName(QStringLiteral("trafficCountLabel"));
    m_count->setForegroundRole(QPalette::PlaceholderText);

    m_view->setObjectName(QStringLiteral("trafficView"));
    m_view->setModel(m_proxy);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setShowGrid(false);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideMiddle);
    m_view->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_view->setFont(monospaceFont());
    m_view->verticalHeader()->hide();
    // Fixed row heights let the view skip measuring 10 000 rows.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    QHeaderView* header = m_view->horizontalHeader();
    header->setFont(font());
    header->setHighlightSections(false);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(TrafficLogModel::PathColumn, QHeaderView::Stretch);
    const QFontMetrics fm(m_view->font());
    header->resizeSection(
        TrafficLogModel::TimeColumn, fm.horizontalAdvance(QStringLiteral("00:00:00.000")) + 24);
    header->resizeSection(
        TrafficLogModel::MethodColumn, fm.horizontalAdvance(QStringLiteral("OPTIONS")) + 24);
    header->resizeSection(
        TrafficLogModel::StatusColumn, fm.horizontalAdvance(QStringLiteral("Status")) + 24);
    header->resizeSection(
        TrafficLogModel::LatencyColumn, fm.horizontalAdvance(QStringLiteral("1,000.0 ms")) + 24);
    header->resizeSection(
        TrafficLogModel::SizeColumn, fm.horizontalAdvance(QStringLiteral("1000.0 KiB")) + 24);

    // Follow the newest row only while the user is at the bottom; reading
    // older rows must not be interrupted by arriving traffic.
    QScrollBar* bar = m_view->verticalScrollBar();
    connect(bar, &QScrollBar::valueChanged, this,
        [this, bar](int value) { m_follow = value >= bar->maximum(); });
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_follow)
            m_view->scrollToBottom();
        updateCount();
    });
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &TrafficLogView::updateCount);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, [this] {
        m_follow = true;
        updateCount();
    });

    // An empty table says nothing; say what would fill it.
    m_placeholder->setObjectName(QStringLiteral("trafficPlaceholder"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    // The view's fixed-pitch font would otherwise be inherited; naming the
    // family makes the label's font explicit.
    QFont prose = font();
    prose.setFamily(QApplication::font().family());
    m_placeholder->setFont(prose);
    m_placeholder->setWordWrap(true);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);
    m_placeholder->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_view->viewport()->installEventFilter(this);

    auto* top = new QHBoxLayout;
    top->setContentsMargins(6, 4, 6, 2);
    top->setSpacing(6);
    top->addWidget(m_filter, 1);
    top->addWidget(m_count);
    top->addWidget(m_clear);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);
    updateCount();
}

void TrafficLogView::updateCount()
{
    const int shown = m_proxy->rowCount();
    const int total = m_model->rowCount();
    if (shown == total)
        m_count->setText(tr("%n request(s)", nullptr, total));
    else
        m_count->setText(tr("%1 of %n request(s)", nullptr, total).arg(QLocale().toString(shown)));
    m_clear->setEnabled(total > 0);
    m_placeholder->setText(total == 0 ? tr("No requests yet. Start the server (F5) and send "
                                           "requests to its base URL to see them here.")
                                      : tr("No request matches the filter."));
    m_placeholder->setVisible(shown == 0);
}

bool TrafficLogView::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_view->viewport() && event->type() == QEvent::Resize)
        m_placeholder->setGeometry(m_view->viewport()->rect().adjusted(24, 0, -24, 0));
    return QWidget::eventFilter(watched, event);
}

} // namespace tollgate::ui
