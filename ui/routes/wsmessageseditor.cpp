#include "ui/routes/wsmessageseditor.h"

#include "ui/common/convert.h"
#include "ui/common/widgetfactory.h"
#include "ui/routes/wsmessagemodel.h"
#include "ui/routes/wstableview.h"
#include "ui/widgets/bodyeditor.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QScopedValueRollback>
#include <QSpinBox>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace tollgate::ui {

namespace {

// The delay is edited with a spin box over the range a route file allows;
// the text with the default editor (one line; more below the table).
class DelayDelegate final : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option,
        const QModelIndex& index) const override
    {
        if (index.column() != WsMessageModel::DelayColumn)
            return QStyledItemDelegate::createEditor(parent, option, index);
        // QStyledItemDelegate sets and reads the spin box's value (EditRole).
        auto* spin = new QSpinBox(parent);
        spin->setFrame(false);
        spin->setRange(0, WsMessageModel::kMaxDelayMs);
        spin->setSingleStep(100);
        spin->setAccelerated(true);
        spin->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        return spin;
    }
};

// "Add a message (Ins)": the key as this platform and language name it.
QString withKey(const QString& tip, const QKeySequence& key)
{
    return QStringLiteral("%1 (%2)").arg(tip, key.toString(QKeySequence::NativeText));
}

// Functions, not constants: a standard key asks the platform, which is
// there only once the application is.
QKeySequence addKey()
{
    return QKeySequence(Qt::Key_Insert);
}

QKeySequence removeKey()
{
    return QKeySequence(QKeySequence::Delete);
}

QKeySequence upKey()
{
    return QKeySequence(Qt::ALT | Qt::Key_Up);
}

QKeySequence downKey()
{
    return QKeySequence(Qt::ALT | Qt::Key_Down);
}

} // namespace

WsMessagesEditor::WsMessagesEditor(const QString& objectPrefix, QWidget* parent)
    : QWidget(parent)
    , m_model(new WsMessageModel(this))
    , m_view(new WsTableView(this))
    , m_hint(new QLabel(this))
    , m_textLabel(new QLabel(this))
    , m_text(new BodyEditor(this))
    , m_textProblem(errorLabel(objectPrefix + QStringLiteral("TextProblemLabel"), this))
    , m_textFormat(tr("Te&xt of message %1:"))
{
    setObjectName(objectPrefix + QStringLiteral("Editor"));
    connect(m_model, &WsMessageModel::messagesEdited, this, [this](const QString& mergeKey) {
        showCurrent();
        Q_EMIT edited(mergeKey);
    });
    connect(m_model, &WsMessageModel::refused, this, &WsMessagesEditor::refused);

    m_view->setObjectName(objectPrefix + QStringLiteral("View"));
    m_view->setModel(m_model);
    m_view->setItemDelegate(new DelayDelegate(m_view));
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
    QHeaderView* header = m_view->horizontalHeader();
    header->setSectionResizeMode(WsMessageModel::TextColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(WsMessageModel::DelayColumn, QHeaderView::Interactive);
    const QFontMetrics fm = m_view->fontMetrics();
    header->resizeSection(WsMessageModel::DelayColumn,
        std::max(fm.horizontalAdvance(
                     m_model->headerData(WsMessageModel::DelayColumn, Qt::Horizontal).toString()),
            fm.horizontalAdvance(QStringLiteral("3600000")))
            + 28);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
        &WsMessagesEditor::showCurrent);

    m_add = iconButton(QStringLiteral("list-add"), tr("Add"), {}, this);
    m_add->setObjectName(objectPrefix + QStringLiteral("AddButton"));
    connect(m_add, &QToolButton::clicked, this, &WsMessagesEditor::addMessage);
    m_remove = iconButton(QStringLiteral("list-remove"), tr("Remove"), {}, this);
    m_remove->setObjectName(objectPrefix + QStringLiteral("RemoveButton"));
    connect(m_remove, &QToolButton::clicked, this, &WsMessagesEditor::removeMessage);
    m_up = iconButton(
        QStringLiteral("go-up"), tr("Up"), withKey(tr("Send this message earlier"), upKey()), this);
    m_up->setObjectName(objectPrefix + QStringLiteral("UpButton"));
    connect(m_up, &QToolButton::clicked, this, [this] { moveMessage(-1); });
    m_down = iconButton(QStringLiteral("go-down"), tr("Down"),
        withKey(tr("Send this message later"), downKey()), this);
    m_down->setObjectName(objectPrefix + QStringLiteral("DownButton"));
    connect(m_down, &QToolButton::clicked, this, [this] { moveMessage(1); });

    // The keys work while the table has the focus (not while a cell is
    // edited: its editor has it then).
    const auto key = [this](const QKeySequence& sequence, auto slot) {
        auto* action = new QAction(m_view);
        action->setShortcut(sequence);
        action->setShortcutContext(Qt::WidgetShortcut);
        connect(action, &QAction::triggered, this, slot);
        m_view->addAction(action);
    };
    key(addKey(), [this] { addMessage(); });
    key(removeKey(), [this] { removeMessage(); });
    key(upKey(), [this] { moveMessage(-1); });
    key(downKey(), [this] { moveMessage(1); });
    setButtonTips(tr("Add a message at the end"), tr("Remove the selected message"));

    m_hint->setObjectName(objectPrefix + QStringLiteral("Hint"));
    m_hint->setWordWrap(true);
    m_hint->setForegroundRole(QPalette::PlaceholderText);

    m_textLabel->setObjectName(objectPrefix + QStringLiteral("TextLabel"));
    m_textLabel->setBuddy(m_text);
    m_text->setObjectName(objectPrefix + QStringLiteral("TextEdit"));
    m_text->setTabChangesFocus(true);
    connect(m_text, &QPlainTextEdit::textChanged, this, [this] {
        const QModelIndex current = m_view->currentIndex();
        if (!m_showing && current.isValid())
            m_model->setText(current.row(), m_text->toPlainText());
    });
    m_textProblem->setWordWrap(true);
    connect(m_text, &BodyEditor::problemChanged, this, [this](const QString& message) {
        m_textProblem->setText(message);
        m_textProblem->setVisible(!message.isEmpty());
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
    layout->addWidget(m_textLabel);
    layout->addWidget(m_text);
    layout->addWidget(m_textProblem);
    setSizes(3, 5);
    showCurrent();
}

void WsMessagesEditor::setSizes(int minimumRows, int textLines)
{
    const int row = m_view->verticalHeader()->defaultSectionSize();
    m_view->setMinimumHeight(
        row * minimumRows + m_view->horizontalHeader()->sizeHint().height() + 2);
    m_text->setMaximumHeight(m_text->fontMetrics().height() * textLines + 12);
}

void WsMessagesEditor::setStarter(const server::WsMessage& message)
{
    m_model->setStarter(message);
}

void WsMessagesEditor::setMessages(const std::vector<server::WsMessage>& messages)
{
    const int row = m_view->currentIndex().row();
    m_model->setMessages(messages);
    // After a reset (an undo, another rule) keep the row the user was on,
    // or show the first: the text below always belongs to a message.
    if (!m_view->currentIndex().isValid() && m_model->rowCount() > 0)
        selectRow(std::clamp(row, 0, m_model->rowCount() - 1));
    showCurrent();
}

const std::vector<server::WsMessage>& WsMessagesEditor::messages() const
{
    return m_model->messages();
}

void WsMessagesEditor::setHint(const QString& hint)
{
    m_hint->setText(hint);
}

void WsMessagesEditor::setTextLabel(const QString& format)
{
    m_textFormat = format;
    showCurrent();
}

void WsMessagesEditor::setEmptyText(const QString& text)
{
    m_emptyText = text;
    showCurrent();
}

void WsMessagesEditor::setButtonTips(const QString& add, const QString& remove)
{
    m_add->setToolTip(withKey(add, addKey()));
    m_remove->setToolTip(withKey(remove, removeKey()));
}

void WsMessagesEditor::addMessage()
{
    const int row = m_model->rowCount();
    m_model->insertRows(row, 1);
    selectRow(row);
    // The text is what a new message needs: ready to type over.
    m_text->setFocus();
    m_text->selectAll();
}

void WsMessagesEditor::removeMessage()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid())
        return;
    m_model->removeRows(current.row(), 1);
    selectRow(std::min(current.row(), m_model->rowCount() - 1));
    showCurrent();
}

void WsMessagesEditor::selectRow(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        return;
    const QModelIndex current = m_view->currentIndex();
    const int column = current.isValid() ? current.column() : int(WsMessageModel::TextColumn);
    m_view->selectionModel()->setCurrentIndex(m_model->index(row, column),
        QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

void WsMessagesEditor::moveMessage(int delta)
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

void WsMessagesEditor::showCurrent()
{
    const QModelIndex current = m_view->currentIndex();
    const int rows = m_model->rowCount();
    const bool selected = current.isValid();
    m_remove->setEnabled(selected);
    m_up->setEnabled(selected && current.row() > 0);
    m_down->setEnabled(selected && current.row() < rows - 1);
    // Without a message the label keeps its mnemonic, so the key still
    // leads to the (disabled) editor and its placeholder says why.
    m_textLabel->setText(selected ? m_textFormat.arg(current.row() + 1)
                                  : QString(m_textFormat).remove(QStringLiteral(" %1")));
    m_text->setEnabled(selected);
    m_text->setPlaceholderText(selected
            ? tr("The message: text or JSON, with mustache tags like {{message}}")
            : m_emptyText);
    const QString text
        = selected ? toQt(m_model->messages().at(std::size_t(current.row())).text) : QString();
    // Only a different text is set: the cursor stays where the user types.
    // Signals stay on: the editor checks the JSON on its own textChanged.
    if (m_text->toPlainText() != text) {
        const QScopedValueRollback showing(m_showing, true);
        m_text->setPlainText(text);
    }
}

} // namespace tollgate::ui
