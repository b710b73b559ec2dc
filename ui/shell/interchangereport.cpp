#include "ui/shell/interchangereport.h"

#include "ui/common/convert.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QRegularExpression>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace tollgate::ui {

namespace {

enum NoteColumn { KindColumn, WhereColumn, MessageColumn };

QString noteKindText(server::ImportNote::Kind kind)
{
    return kind == server::ImportNote::Kind::Skipped ? InterchangeReport::tr("Skipped")
                                                     : InterchangeReport::tr("Approximated");
}

/// "books.yaml:12" for "/specs/books.yaml:12" when the import read
/// /specs/openapi.yaml: a note's place as short as it can be said.
QString shortWhere(const QString& where, const QDir& base)
{
    static const QRegularExpression line(QStringLiteral(":\\d+$"));
    const QRegularExpressionMatch match = line.match(where);
    const qsizetype end = match.hasMatch() ? match.capturedStart() : where.size();
    const QString file = where.left(end);
    if (!QFileInfo(file).isAbsolute())
        return where;
    return QDir::toNativeSeparators(base.relativeFilePath(file)) + where.mid(end);
}

} // namespace

QTreeWidget* makeReportList(const QString& objectName, const QStringList& headers, QWidget* parent)
{
    auto* view = new QTreeWidget(parent);
    view->setObjectName(objectName);
    view->setHeaderLabels(headers);
    view->setRootIsDecorated(false);
    view->setUniformRowHeights(true);
    view->setAlternatingRowColors(true);
    view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    view->setWordWrap(false);
    return view;
}

InterchangeReport::InterchangeReport(
    const QString& prefix, const QString& accessibleName, QWidget* parent)
    : QWidget(parent)
    , m_box(new QGroupBox(this))
    , m_titleOnly(new QLabel(this))
    , m_notes(makeReportList(
          prefix + QStringLiteral("Notes"), { tr("Kind"), tr("Where"), tr("What") }, m_box))
    , m_detail(new QLabel(m_box))
    , m_copyAll(new QPushButton(tr("&Copy Report"), m_box))
{
    setObjectName(prefix + QStringLiteral("NotesBox"));
    m_titleOnly->setObjectName(prefix + QStringLiteral("NotesTitle"));
    m_titleOnly->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_titleOnly->hide();
    m_notes->setAccessibleName(accessibleName);
    m_notes->header()->setSectionResizeMode(KindColumn, QHeaderView::ResizeToContents);
    m_notes->header()->setSectionResizeMode(WhereColumn, QHeaderView::ResizeToContents);
    // A row is one line; the selected note is shown in full below.
    m_detail->setObjectName(prefix + QStringLiteral("NoteDetail"));
    m_detail->setWordWrap(true);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detail->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_detail->setMinimumHeight(m_detail->fontMetrics().lineSpacing() * 2);
    connect(m_notes, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
        m_detail->setText(item
                ? QStringLiteral("%1: %2").arg(item->text(WhereColumn), item->text(MessageColumn))
                : QString());
    });
    auto* copySelected = new QAction(tr("Copy"), m_notes);
    copySelected->setShortcut(QKeySequence::Copy);
    copySelected->setShortcutContext(Qt::WidgetShortcut);
    connect(copySelected, &QAction::triggered, this, [this] { copyNotes(true); });
    m_notes->addAction(copySelected);
    m_notes->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_copyAll->setObjectName(prefix + QStringLiteral("CopyReportButton"));
    m_copyAll->setAutoDefault(false);
    connect(m_copyAll, &QPushButton::clicked, this, [this] { copyNotes(false); });
    auto* boxLayout = new QVBoxLayout(m_box);
    boxLayout->addWidget(m_notes, 1);
    auto* detailRow = new QHBoxLayout;
    detailRow->addWidget(m_detail, 1);
    detailRow->addWidget(m_copyAll, 0, Qt::AlignBottom);
    boxLayout->addLayout(detailRow);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_box, 1);
    layout->addWidget(m_titleOnly, 1);
}

void InterchangeReport::setNotes(const std::vector<server::ImportNote>& notes, const QDir& base)
{
    m_notes->clear();
    for (const server::ImportNote& note : notes) {
        const QString where = toQt(note.where);
        auto* item = new QTreeWidgetItem(
            m_notes, { noteKindText(note.kind), shortWhere(where, base), toQt(note.message) });
        // Copying gives the full path, which an editor can open.
        item->setData(WhereColumn, Qt::UserRole, where);
        item->setToolTip(WhereColumn, QDir::toNativeSeparators(where));
        item->setToolTip(MessageColumn, toQt(note.message));
    }
    if (m_notes->topLevelItemCount() > 0)
        m_notes->setCurrentItem(m_notes->topLevelItem(0));
    else
        m_detail->clear();
    // Without notes the title says it all, without an empty frame below.
    m_box->setVisible(!notes.empty());
    m_titleOnly->setVisible(notes.empty());
}

void InterchangeReport::setTitle(const QString& title)
{
    m_box->setTitle(title);
    m_titleOnly->setText(title);
}

QString InterchangeReport::title() const
{
    return m_box->title();
}

int InterchangeReport::count() const
{
    return m_notes->topLevelItemCount();
}

void InterchangeReport::copyNotes(bool selectedOnly) const
{
    QStringList lines;
    for (int row = 0; row < m_notes->topLevelItemCount(); ++row) {
        const QTreeWidgetItem* item = m_notes->topLevelItem(row);
        if (selectedOnly && !item->isSelected())
            continue;
        lines << QStringLiteral("%1\t%2\t%3")
                     .arg(item->text(KindColumn), item->data(WhereColumn, Qt::UserRole).toString(),
                         item->text(MessageColumn));
    }
    if (!lines.isEmpty())
        QApplication::clipboard()->setText(lines.join(QLatin1Char('\n')) + QLatin1Char('\n'));
}

} // namespace tollgate::ui
