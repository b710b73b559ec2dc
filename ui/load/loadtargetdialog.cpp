#include "ui/load/loadtargetdialog.h"

#include "ui/common/appearance.h"
#include "ui/widgets/bodyeditor.h"
#include "ui/common/convert.h"
#include "ui/load/loadmixmodel.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace tollgate::ui {

namespace {

QTableWidget* pairTable(
    const char* name, const QString& first, const QString& second, QWidget* parent)
{
    auto* table = new QTableWidget(0, 2, parent);
    table->setObjectName(QString::fromLatin1(name));
    table->setHorizontalHeaderLabels({ first, second });
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Interactive);
    table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    table->horizontalHeader()->resizeSection(0, 150);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 10);
    table->setFont(monospaceFont());
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    return table;
}

} // namespace

LoadTargetDialog::LoadTargetDialog(const server::LoadTarget& target, QWidget* parent)
    : QDialog(parent)
    , m_original(target)
{
    setObjectName(QStringLiteral("loadTargetDialog"));
    setWindowTitle(tr("Edit Request of the Mix"));

    m_name = new QLineEdit(toQt(target.name), this);
    m_name->setObjectName(QStringLiteral("loadTargetNameEdit"));
    m_name->setPlaceholderText(tr("Label in reports (default: method and path)"));

    m_method = new QComboBox(this);
    m_method->setObjectName(QStringLiteral("loadTargetMethodCombo"));
    m_method->setEditable(true);
    m_method->addItems(httpMethods());
    m_method->setCurrentText(toQt(target.method));

    m_path = new QLineEdit(toQt(target.path), this);
    m_path->setObjectName(QStringLiteral("loadTargetPathEdit"));
    m_path->setFont(monospaceFont());
    m_path->setToolTip(tr("Appended to the target URL. {name} is a parameter filled from its "
                          "template below; a query may follow."));

    m_params = pairTable("loadTargetParamTable", tr("Parameter"), tr("Template"), this);
    for (const auto& [name, value] : target.params) {
        const int row = m_params->rowCount();
        m_params->insertRow(row);
        auto* key = new QTableWidgetItem(toQt(name));
        key->setFlags(key->flags() & ~Qt::ItemIsEditable);
        m_params->setItem(row, 0, key);
        m_params->setItem(row, 1, new QTableWidgetItem(toQt(value)));
    }
    m_paramHint = new QLabel(this);
    m_paramHint->setForegroundRole(QPalette::PlaceholderText);
    m_paramHint->setWordWrap(true);
    m_paramHint->setText(
        tr("Templates are rendered for every request: {{#randomInt}}1 100{{/randomInt}}, "
           "{{uuid}}, {{now}}; headers and body may use {{request.params.<name>}} for the "
           "values drawn."));

    m_headers = pairTable("loadTargetHeaderTable", tr("Header"), tr("Value"), this);
    for (const auto& [name, value] : target.headers) {
        const int row = m_headers->rowCount();
        m_headers->insertRow(row);
        m_headers->setItem(row, 0, new QTableWidgetItem(toQt(name)));
        m_headers->setItem(row, 1, new QTableWidgetItem(toQt(value)));
    }
    auto* addHeader = new QToolButton(this);
    addHeader->setText(tr("Add"));
    connect(addHeader, &QToolButton::clicked, this, [this] {
        const int row = m_headers->rowCount();
        m_headers->insertRow(row);
        m_headers->setItem(row, 0, new QTableWidgetItem());
        m_headers->setItem(row, 1, new QTableWidgetItem());
        m_headers->setCurrentCell(row, 0);
        m_headers->editItem(m_headers->item(row, 0));
    });
    auto* removeHeader = new QToolButton(this);
    removeHeader->setText(tr("Remove"));
    connect(removeHeader, &QToolButton::clicked, this, [this] {
        const int row = m_headers->currentRow();
        if (row >= 0)
            m_headers->removeRow(row);
    });
    auto* headerButtons = new QHBoxLayout;
    headerButtons->setContentsMargins(0, 0, 0, 0);
    headerButtons->addWidget(addHeader);
    headerButtons->addWidget(removeHeader);
    headerButtons->addStretch(1);

    m_body = new BodyEditor(this);
    m_body->setObjectName(QStringLiteral("loadTargetBodyEdit"));
    m_body->setPlainText(toQt(target.body));
    for (const auto& [name, value] : target.headers) {
        if (QString::fromStdString(name).compare(QLatin1String("Content-Type"), Qt::CaseInsensitive)
            == 0)
            m_body->setContentType(toQt(value));
    }

    auto* form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    auto* requestRow = new QHBoxLayout;
    requestRow->addWidget(m_method);
    requestRow->addWidget(m_path, 1);
    auto* requestLabel = new QLabel(tr("&Request:"), this);
    requestLabel->setBuddy(m_path);
    form->addRow(requestLabel, requestRow);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    m_paramTitle = new QLabel(tr("Path parameters:"), this);
    layout->addWidget(m_paramTitle);
    layout->addWidget(m_params, 1);
    layout->addWidget(m_paramHint);
    layout->addWidget(new QLabel(tr("Headers:"), this));
    layout->addWidget(m_headers, 1);
    layout->addLayout(headerButtons);
    layout->addWidget(new QLabel(tr("Body:"), this));
    layout->addWidget(m_body, 2);
    layout->addWidget(buttons);

    connect(m_path, &QLineEdit::textChanged, this, &LoadTargetDialog::syncParams);
    syncParams();
    resize(640, 620);
}

void LoadTargetDialog::syncParams()
{
    // One row per {name} of the path; values typed so far are kept.
    const std::vector<std::string> names = LoadMixModel::pathParams(toStd(m_path->text()));
    QHash<QString, QString> values;
    for (int row = 0; row < m_params->rowCount(); ++row) {
        if (m_params->item(row, 0) && m_params->item(row, 1))
            values.insert(m_params->item(row, 0)->text(), m_params->item(row, 1)->text());
    }
    bool same = int(names.size()) == m_params->rowCount();
    for (int i = 0; same && i < int(names.size()); ++i)
        same = m_params->item(i, 0) && m_params->item(i, 0)->text() == toQt(names[std::size_t(i)]);
    m_params->setVisible(!names.empty());
    m_paramTitle->setText(names.empty() ? tr("Path parameters: none (write {name} in the path "
                                             "to draw a value per request)")
                                        : tr("Path parameters:"));
    if (same)
        return;
    m_params->setRowCount(0);
    for (const std::string& n : names) {
        const QString name = toQt(n);
        const int row = m_params->rowCount();
        m_params->insertRow(row);
        auto* key = new QTableWidgetItem(name);
        key->setFlags(key->flags() & ~Qt::ItemIsEditable);
        m_params->setItem(row, 0, key);
        m_params->setItem(
            row, 1, new QTableWidgetItem(values.value(name, LoadMixModel::defaultParamTemplate())));
    }
}

server::LoadTarget LoadTargetDialog::target() const
{
    server::LoadTarget t = m_original;
    t.name = toStd(m_name->text().trimmed());
    t.method = toStd(m_method->currentText().trimmed().toUpper());
    t.path = toStd(m_path->text().trimmed());
    t.params.clear();
    for (int row = 0; row < m_params->rowCount(); ++row) {
        const QTableWidgetItem* name = m_params->item(row, 0);
        const QTableWidgetItem* value = m_params->item(row, 1);
        if (name && !name->text().isEmpty())
            t.params.emplace_back(
                toStd(name->text()), value ? toStd(value->text()) : std::string());
    }
    t.headers.clear();
    for (int row = 0; row < m_headers->rowCount(); ++row) {
        const QTableWidgetItem* name = m_headers->item(row, 0);
        const QTableWidgetItem* value = m_headers->item(row, 1);
        if (name && !name->text().trimmed().isEmpty())
            t.headers.emplace_back(
                toStd(name->text().trimmed()), value ? toStd(value->text()) : std::string());
    }
    t.body = toStd(m_body->toPlainText());
    return t;
}

} // namespace tollgate::ui
