#include "ui/keys/keyusageview.h"

#include "server/access/apikey.h"
#include "ui/common/convert.h"
#include "ui/common/money.h"
#include "ui/document/workspacedocument.h"
#include "ui/keys/usagetablemodel.h"

#include <QDateTime>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFrame>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace tollgate::ui {

namespace {

QLabel* amountLabel(QWidget* parent, const char* objectName)
{
    auto* label = new QLabel(parent);
    label->setObjectName(QString::fromLatin1(objectName));
    label->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

KeyUsageView::KeyUsageView(WorkspaceDocument* document, QWidget* parent)
    : QWidget(parent)
    , m_document(document)
    , m_model(new UsageTableModel(this))
    , m_stack(new QStackedWidget(this))
    , m_title(new QLabel(this))
    , m_view(new QTableView(this))
    , m_emptyMonths(new QLabel(m_view->viewport()))
{
    // Page 0: no key selected.
    auto* hint = new QLabel(tr("Select a key to see its usage by month and its invoice."), m_stack);
    hint->setObjectName(QStringLiteral("usageHintLabel"));
    hint->setAlignment(Qt::AlignCenter);
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);
    m_stack->addWidget(hint);

    // Page 1: the key.
    auto* page = new QWidget(m_stack);
    m_title->setObjectName(QStringLiteral("usageTitleLabel"));
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_title->setTextFormat(Qt::PlainText);

    m_exportCsv = new QPushButton(tr("Export CSV…"), page);
    m_exportCsv->setObjectName(QStringLiteral("exportCsvButton"));
    m_exportCsv->setToolTip(tr("Save the previewed invoice as CSV"));
    connect(m_exportCsv, &QPushButton::clicked, this, [this] { exportWithDialog(Format::Csv); });
    m_exportJson = new QPushButton(tr("Export JSON…"), page);
    m_exportJson->setObjectName(QStringLiteral("exportJsonButton"));
    m_exportJson->setToolTip(tr("Save the previewed invoice as JSON"));
    connect(m_exportJson, &QPushButton::clicked, this, [this] { exportWithDialog(Format::Json); });

    m_view->setObjectName(QStringLiteral("usageView"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setShowGrid(false);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->horizontalHeader()->setHighlightSections(false);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &KeyUsageView::updatePreview);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &KeyUsageView::updatePreview);
    connect(m_model, &QAbstractItemModel::modelReset, this, &KeyUsageView::updatePreview);

    m_emptyMonths->setObjectName(QStringLiteral("usageEmptyLabel"));
    m_emptyMonths->setText(tr("No requests with this key yet."));
    m_emptyMonths->setAlignment(Qt::AlignCenter);
    m_emptyMonths->setForegroundRole(QPalette::PlaceholderText);
    m_emptyMonths->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_view->viewport()->installEventFilter(this);

    m_invoiceBox = new QGroupBox(page);
    auto* invoiceBox = m_invoiceBox;
    invoiceBox->setObjectName(QStringLiteral("invoiceBox"));
    m_fee = amountLabel(invoiceBox, "invoiceFeeLabel");
    m_charges = amountLabel(invoiceBox, "invoiceChargesLabel");
    m_total = amountLabel(invoiceBox, "invoiceTotalLabel");
    m_total->setFont(bold);
    m_cost = amountLabel(invoiceBox, "invoiceCostLabel");
    m_margin = amountLabel(invoiceBox, "invoiceMarginLabel");
    m_feeLabel = new QLabel(tr("Monthly fee:"), invoiceBox);
    auto* totalLabel = new QLabel(tr("Total:"), invoiceBox);
    totalLabel->setFont(bold);
    // Two columns: what the customer pays on the left, what it costs and
    // earns on the right, so the preview stays four lines high.
    auto* grid = new QGridLayout(invoiceBox);
    grid->setHorizontalSpacing(10);
    grid->setVerticalSpacing(4);
    grid->addWidget(m_feeLabel, 0, 0);
    grid->addWidget(m_fee, 0, 1);
    grid->addWidget(new QLabel(tr("Usage charges:"), invoiceBox), 1, 0);
    grid->addWidget(m_charges, 1, 1);
    grid->addWidget(totalLabel, 2, 0);
    grid->addWidget(m_total, 2, 1);
    auto* rule = new QFrame(invoiceBox);
    rule->setFrameShape(QFrame::VLine);
    rule->setFrameShadow(QFrame::Sunken);
    grid->addWidget(rule, 0, 2, 3, 1);
    grid->addWidget(new QLabel(tr("Cost to serve:"), invoiceBox), 0, 3);
    grid->addWidget(m_cost, 0, 4);
    grid->addWidget(new QLabel(tr("Margin:"), invoiceBox), 1, 3);
    grid->addWidget(m_margin, 1, 4);
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(4, 1);
    invoiceBox->setMinimumWidth(440);

    auto* top = new QHBoxLayout;
    top->setSpacing(6);
    top->addWidget(m_title, 1);
    top->addWidget(m_exportCsv);
    top->addWidget(m_exportJson);

    auto* body = new QHBoxLayout;
    body->setSpacing(10);
    body->addWidget(m_view, 1);
    body->addWidget(invoiceBox);

    auto* pageLayout = new QVBoxLayout(page);
    pageLayout->setContentsMargins(0, 0, 0, 0);
    pageLayout->setSpacing(6);
    pageLayout->addLayout(top);
    pageLayout->addLayout(body, 1);
    m_stack->addWidget(page);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    // A key's label, tier or fee may change while it is shown.
    connect(document, &WorkspaceDocument::keysChanged, this, &KeyUsageView::refresh);
    connect(document, &WorkspaceDocument::keysReset, this, &KeyUsageView::refresh);
    connect(document, &WorkspaceDocument::tiersChanged, this, &KeyUsageView::updatePreview);
    connect(document, &WorkspaceDocument::tiersReset, this, &KeyUsageView::updatePreview);

    m_currentMonth = toQt(server::usageMonth(QDateTime::currentSecsSinceEpoch()));
    refresh();
}

void KeyUsageView::setKey(const QString& keyId)
{
    if (keyId == m_keyId)
        return;
    m_keyId = keyId;
    m_model->setUsage(m_keyId, m_usage);
    refresh();
}

void KeyUsageView::setUsage(const std::vector<server::KeyUsage>& usage)
{
    m_usage = usage;
    m_model->setUsage(m_keyId, m_usage);
}

void KeyUsageView::setCurrentMonth(const QString& month)
{
    if (month == m_currentMonth)
        return;
    m_currentMonth = month;
    updatePreview();
}

void KeyUsageView::refresh()
{
    const server::ApiKey* key
        = m_keyId.isEmpty() ? nullptr : server::findKey(m_document->keys(), toStd(m_keyId));
    m_stack->setCurrentIndex(key ? 1 : 0);
    if (!key)
        return;
    const QString prefix = toQt(key->prefix) + QChar(0x2026);
    m_title->setText(key->label.empty() ? tr("Usage of %1").arg(prefix)
                                        : tr("Usage of %1 (%2)").arg(toQt(key->label), prefix));
    updatePreview();
}

QString KeyUsageView::previewMonth() const
{
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    if (current.isValid())
        return m_model->index(current.row(), UsageTableModel::MonthColumn).data().toString();
    return m_currentMonth;
}

server::KeyUsage KeyUsageView::previewUsage() const
{
    const int row = m_model->rowOfMonth(previewMonth());
    if (row >= 0)
        return m_model->rows()[std::size_t(row)];
    server::KeyUsage none;
    none.keyId = toStd(m_keyId);
    none.month = toStd(previewMonth());
    return none;
}

bool KeyUsageView::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_view->viewport() && event->type() == QEvent::Resize)
        m_emptyMonths->setGeometry(m_view->viewport()->rect());
    return QWidget::eventFilter(watched, event);
}

void KeyUsageView::updatePreview()
{
    m_emptyMonths->setVisible(m_model->rowCount() == 0);
    const server::ApiKey* key
        = m_keyId.isEmpty() ? nullptr : server::findKey(m_document->keys(), toStd(m_keyId));
    m_exportCsv->setEnabled(key != nullptr);
    m_exportJson->setEnabled(key != nullptr);
    if (!key)
        return;
    const server::Tier* tier = server::findTier(m_document->tiers(), key->tier);
    const server::KeyUsage u = previewUsage();
    // The same arithmetic as the engine's invoice: fee + charges = total.
    const server::Micros fee = tier ? tier->monthlyFeeMicros : 0;
    const server::Micros total = fee + u.revenueMicros;
    const QLocale locale;
    m_invoiceBox->setTitle(tr("Invoice preview for %1").arg(toQt(u.month)));
    m_feeLabel->setText(tier
            ? tr("Monthly fee (%1):").arg(toQt(tier->name.empty() ? tier->id : tier->name))
            : tr("Monthly fee:"));
    m_fee->setText(Money::format(fee));
    m_charges->setText(Money::format(u.revenueMicros));
    QString charges
        = tr("%1 billable requests, %2 of them over the quota")
              .arg(locale.toString(qulonglong(u.billable)), locale.toString(qulonglong(u.overage)));
    // What the tokens cost is part of the charges: say how many there were.
    if (u.tokensIn > 0 || u.tokensOut > 0)
        charges += QLatin1Char('\n')
            + tr("%1 input and %2 output tokens")
                  .arg(locale.toString(qulonglong(u.tokensIn)),
                      locale.toString(qulonglong(u.tokensOut)));
    m_charges->setToolTip(charges);
    m_total->setText(Money::format(total));
    m_cost->setText(Money::format(u.costMicros));
    m_margin->setText(Money::format(total - u.costMicros));
}

QByteArray KeyUsageView::invoice(Format format) const
{
    const std::vector<server::KeyUsage> usage { previewUsage() };
    const std::string text = format == Format::Csv
        ? server::invoiceCsv(usage, m_document->workspace())
        : server::invoiceJson(usage, m_document->workspace());
    return QByteArray::fromStdString(text);
}

bool KeyUsageView::exportInvoice(const QString& path, Format format, QString* error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(invoice(format)) < 0 || !file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

void KeyUsageView::exportWithDialog(Format format)
{
    const server::ApiKey* key
        = m_keyId.isEmpty() ? nullptr : server::findKey(m_document->keys(), toStd(m_keyId));
    if (!key)
        return;
    // invoice-2026-11-mobile-app.csv, next to the workspace.
    QString name = toQt(key->label.empty() ? key->id : key->label).toLower();
    name.replace(QRegularExpression(QStringLiteral("[^a-z0-9]+")), QStringLiteral("-"));
    const bool csv = format == Format::Csv;
    const QString suggested
        = QDir(m_document->directory())
              .filePath(QStringLiteral("invoice-%1-%2.%3")
                            .arg(previewMonth(), name,
                                csv ? QStringLiteral("csv") : QStringLiteral("json")));
    const QString path = QFileDialog::getSaveFileName(this,
        csv ? tr("Export Invoice as CSV") : tr("Export Invoice as JSON"), suggested,
        csv ? tr("CSV files (*.csv)") : tr("JSON files (*.json)"));
    if (path.isEmpty())
        return;
    QString error;
    if (exportInvoice(path, format, &error))
        Q_EMIT message(tr("Exported the invoice to %1").arg(QDir::toNativeSeparators(path)));
    else
        Q_EMIT message(tr("Could not export the invoice: %1").arg(error));
}

} // namespace tollgate::ui
