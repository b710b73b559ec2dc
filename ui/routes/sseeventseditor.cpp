#include "ui/routes/sseeventseditor.h"

#include "ui/common/convert.h"
#include "ui/common/widgetfactory.h"
#include "ui/routes/sseeventdelegate.h"
#include "ui/routes/sseeventmodel.h"
#include "ui/widgets/bodyeditor.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QScopedValueRollback>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace tollgate::ui {

SseEventsEditor::SseEventsEditor(QWidget* parent)
    : QWidget(parent)
    , m_model(new SseEventModel(this))
    , m_view(new QTableView(this))
    , m_hint(new QLabel(this))
    , m_dataLabel(new QLabel(this))
    , m_data(new BodyEditor(this))
    , m_dataProblem(errorLabel(QStringLiteral("sseEventDataProblemLabel"), this))
{
    connect(m_model, &SseEventModel::eventsEdited, this, [this](const QString& mergeKey) {
        showCurrent();
        Q_EMIT edited(mergeKey);
    });
    connect(m_model, &SseEventModel::refused, this, &SseEventsEditor::refused);

    m_view->setObjectName(QStringLiteral("sseEventsView"));
    m_view->setAccessibleName(tr("Events"));
    m_view->setModel(m_model);
    m_view->setItemDelegate(new SseEventDelegate(m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    // Not on becoming current: showing a route selects a row, and that must
    // not open an editor (nor take the focus).
    m_view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::SelectedClicked
        | QAbstractItemView::EditKeyPressed | QAbstractItemView::AnyKeyPressed);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 10);
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    // The data takes the width left; the others fit their titles and values.
    QHeaderView* header = m_view->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(SseEventModel::DataColumn, QHeaderView::Stretch);
    const QFontMetrics fm = m_view->fontMetrics();
    const auto fit = [&](int column, const QString& widest) {
        const int title
            = fm.horizontalAdvance(m_model->headerData(column, Qt::Horizontal).toString());
        header->resizeSection(column, std::max(title, fm.horizontalAdvance(widest)) + 28);
    };
    fit(SseEventModel::TypeColumn, QStringLiteral("message.delta"));
    fit(SseEventModel::IdColumn, QStringLiteral("{{stream.index}}"));
    fit(SseEventModel::RetryColumn, QStringLiteral("3600000"));
    fit(SseEventModel::DelayColumn, QStringLiteral("3600000"));
    const int row = m_view->verticalHeader()->defaultSectionSize();
    m_view->setMinimumHeight(row * 4 + header->sizeHint().height());
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
        &SseEventsEditor::showCurrent);

    m_add = iconButton(QStringLiteral("list-add"), tr("Add"), tr("Add an event at the end"), this);
    m_add->setObjectName(QStringLiteral("addSseEventButton"));
    connect(m_add, &QToolButton::clicked, this, [this] {
        const int row = m_model->rowCount();
        m_model->insertRows(row, 1);
        selectRow(row);
        m_view->edit(m_model->index(row, SseEventModel::DataColumn));
    });
    m_remove = iconButton(
        QStringLiteral("list-remove"), tr("Remove"), tr("Remove the selected event"), this);
    m_remove->setObjectName(QStringLiteral("removeSseEventButton"));
    connect(m_remove, &QToolButton::clicked, this, [this] {
        const QModelIndex current = m_view->currentIndex();
        if (!current.isValid() || m_model->rowCount() <= 1)
            return;
        m_model->removeRows(current.row(), 1);
        selectRow(std::min(current.row(), m_model->rowCount() - 1));
    });
    m_up = iconButton(QStringLiteral("go-up"), tr("Up"), tr("Send this event earlier"), this);
    m_up->setObjectName(QStringLiteral("sseEventUpButton"));
    connect(m_up, &QToolButton::clicked, this, [this] { moveEvent(-1); });
    m_down = iconButton(QStringLiteral("go-down"), tr("Down"), tr("Send this event later"), this);
    m_down->setObjectName(QStringLiteral("sseEventDownButton"));
    connect(m_down, &QToolButton::clicked, this, [this] { moveEvent(1); });

    m_hint->setObjectName(QStringLiteral("sseEventsHint"));
    m_hint->setWordWrap(true);
    m_hint->setForegroundRole(QPalette::PlaceholderText);

    m_dataLabel->setObjectName(QStringLiteral("sseEventDataLabel"));
    m_dataLabel->setBuddy(m_data);
    m_data->setObjectName(QStringLiteral("sseEventDataEdit"));
    m_data->setAccessibleName(tr("Data of the selected event"));
    m_data->setTabChangesFocus(true);
    m_data->setPlaceholderText(
        tr("The event's data: text or JSON, with mustache tags like {{stream.index}}"));
    m_data->setMaximumHeight(fm.height() * 6 + 12);
    connect(m_data, &QPlainTextEdit::textChanged, this, [this] {
        const QModelIndex current = m_view->currentIndex();
        if (!m_showing && current.isValid())
            m_model->setEventData(current.row(), m_data->toPlainText());
    });
    m_dataProblem->setWordWrap(true);
    connect(m_data, &BodyEditor::problemChanged, this, [this](const QString& message) {
        m_dataProblem->setText(message);
        m_dataProblem->setVisible(!message.isEmpty());
    });

    auto* bar = new QHBoxLayout;
    bar->setSpacing(2);
    bar->addWidget(m_hint, 1);
    bar->addWidget(m_add, 0, Qt::AlignTop);
    bar->addWidget(m_remove, 0, Qt::AlignTop);
    bar->addWidget(m_up, 0, Qt::AlignTop);
    bar->addWidget(m_down, 0, Qt::AlignTop);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_dataLabel);
    layout->addWidget(m_data);
    layout->addWidget(m_dataProblem);
    showHint();
    showCurrent();
}

void SseEventsEditor::setEvents(const std::vector<server::SseEvent>& events)
{
    const int row = m_view->currentIndex().row();
    m_model->setEvents(events);
    // After a reset (an undo, another route) keep the row the user was on,
    // or show the first: the data below always belongs to an event.
    if (!m_view->currentIndex().isValid() && m_model->rowCount() > 0)
        selectRow(std::clamp(row, 0, m_model->rowCount() - 1));
    showCurrent();
}

const std::vector<server::SseEvent>& SseEventsEditor::events() const
{
    return m_model->events();
}

void SseEventsEditor::setDelaysUsed(bool used)
{
    m_model->setDelaysUsed(used);
    showHint();
}

void SseEventsEditor::showHint()
{
    const QString order = m_model->delaysUsed() ? tr("Sent top to bottom, each after its delay.")
                                                : tr("Sent top to bottom at the stream's pace.");
    m_hint->setText(order + QLatin1Char(' ')
        + tr("Type, data and id are templates: {{stream.index}} is the event's number (from 0); "
             "{{request.query.name}} and the other request fields work as in responses."));
}

void SseEventsEditor::selectRow(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        return;
    const QModelIndex current = m_view->currentIndex();
    const int column = current.isValid() ? current.column() : int(SseEventModel::DataColumn);
    m_view->selectionModel()->setCurrentIndex(m_model->index(row, column),
        QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

void SseEventsEditor::moveEvent(int delta)
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid())
        return;
    const int row = current.row();
    const int target = row + delta;
    if (target < 0 || target >= m_model->rowCount())
        return;
    // moveRows takes the destination before which the row lands.
    m_model->moveRows({}, row, 1, {}, delta > 0 ? target + 1 : target);
    selectRow(target);
}

void SseEventsEditor::showCurrent()
{
    const QModelIndex current = m_view->currentIndex();
    const int rows = m_model->rowCount();
    const bool selected = current.isValid();
    m_remove->setEnabled(selected && rows > 1);
    m_remove->setToolTip(
        rows > 1 ? tr("Remove the selected event") : tr("A stream needs at least one event"));
    m_up->setEnabled(selected && current.row() > 0);
    m_down->setEnabled(selected && current.row() < rows - 1);
    m_dataLabel->setText(selected
            ? tr("&Data of event %1 (each line is a data: line):").arg(current.row() + 1)
            : tr("&Data:"));
    m_data->setEnabled(selected);
    const QString data
        = selected ? toQt(m_model->events().at(std::size_t(current.row())).data) : QString();
    // Only a different text is set: the cursor stays where the user types.
    // Signals stay on: the editor checks the JSON on its own textChanged.
    if (m_data->toPlainText() != data) {
        const QScopedValueRollback showing(m_showing, true);
        m_data->setPlainText(data);
    }
}

} // namespace tollgate::ui
