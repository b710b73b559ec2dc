#include "ui/requests/environmentdialog.h"

#include "ui/common/convert.h"
#include "ui/requests/environmentmodel.h"
#include "ui/widgets/barbutton.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace tollgate::ui {

EnvironmentDialog::EnvironmentDialog(
    std::vector<server::Environment> environments, const QString& builtinBaseUrl, QWidget* parent)
    : QDialog(parent)
    , m_environments(std::move(environments))
    , m_list(new QListWidget(this))
    , m_model(new EnvironmentModel(this))
    , m_table(new QTableView(this))
    , m_hint(new QLabel(this))
{
    setObjectName(QStringLiteral("environmentDialog"));
    setWindowTitle(tr("Environments"));
    resize(760, 440);

    m_list->setObjectName(QStringLiteral("environmentList"));
    for (const server::Environment& e : m_environments)
        m_list->addItem(toQt(e.name));
    connect(m_list, &QListWidget::currentRowChanged, this, &EnvironmentDialog::showEnvironment);
    connect(m_list, &QListWidget::itemDoubleClicked, this, &EnvironmentDialog::renameEnvironment);

    auto* add = barButton(QStringLiteral("list-add"), tr("Add"), this);
    connect(add, &QToolButton::clicked, this, &EnvironmentDialog::addEnvironment);
    auto* rename = barButton(QStringLiteral("edit-rename"), tr("Rename"), this);
    connect(rename, &QToolButton::clicked, this, &EnvironmentDialog::renameEnvironment);
    auto* remove = barButton(QStringLiteral("list-remove"), tr("Remove"), this);
    connect(remove, &QToolButton::clicked, this, &EnvironmentDialog::removeEnvironment);
    auto* listBar = new QHBoxLayout;
    listBar->setSpacing(2);
    listBar->addWidget(add);
    listBar->addWidget(rename);
    listBar->addWidget(remove);
    listBar->addStretch(1);
    auto* left = new QVBoxLayout;
    left->addWidget(m_list, 1);
    left->addLayout(listBar);

    m_table->setObjectName(QStringLiteral("variablesView"));
    m_table->setModel(m_model);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setDefaultSectionSize(180);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::AllEditTriggers);
    auto* addVar = barButton(QStringLiteral("list-add"), tr("Add Variable"), this);
    connect(addVar, &QToolButton::clicked, this, [this] {
        const int row = m_model->rowCount();
        if (m_model->insertRows(row, 1)) {
            m_table->setCurrentIndex(m_model->index(row, 0));
            m_table->edit(m_model->index(row, 0));
        }
    });
    auto* removeVar = barButton(QStringLiteral("list-remove"), tr("Remove Variable"), this);
    connect(removeVar, &QToolButton::clicked, this, [this] {
        const QModelIndex index = m_table->currentIndex();
        if (index.isValid())
            m_model->removeRows(index.row(), 1);
    });
    auto* varBar = new QHBoxLayout;
    varBar->setSpacing(2);
    varBar->addWidget(addVar);
    varBar->addWidget(removeVar);
    varBar->addStretch(1);

    m_hint->setWordWrap(true);
    m_hint->setText(tr("Use a variable as {{name}} in the URL, headers, body and auth. "
                       "baseUrl, unless set here, is the embedded server: %1")
                        .arg(builtinBaseUrl));
    auto* right = new QVBoxLayout;
    right->addWidget(m_table, 1);
    right->addLayout(varBar);
    right->addWidget(m_hint);

    auto* columns = new QHBoxLayout;
    columns->addLayout(left, 1);
    columns->addLayout(right, 3);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        storeCurrent();
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(columns, 1);
    layout->addWidget(buttons);

    if (!m_environments.empty())
        m_list->setCurrentRow(0);
}

EnvironmentDialog::~EnvironmentDialog() = default;

void EnvironmentDialog::storeCurrent()
{
    if (m_row >= 0 && m_row < int(m_environments.size()))
        m_environments[std::size_t(m_row)].variables = m_model->variables();
}

void EnvironmentDialog::showEnvironment(int row)
{
    storeCurrent();
    m_row = row;
    m_model->setVariables(row >= 0 && row < int(m_environments.size())
            ? m_environments[std::size_t(row)].variables
            : std::vector<std::pair<std::string, std::string>> {});
    m_table->setEnabled(row >= 0);
}

std::vector<server::Environment> EnvironmentDialog::environments() const
{
    std::vector<server::Environment> result = m_environments;
    if (m_row >= 0 && m_row < int(result.size()))
        result[std::size_t(m_row)].variables = m_model->variables();
    return result;
}

QString EnvironmentDialog::currentEnvironment() const
{
    return m_list->currentItem() ? m_list->currentItem()->text() : QString();
}

void EnvironmentDialog::setCurrentEnvironment(const QString& name)
{
    const auto items = m_list->findItems(name, Qt::MatchExactly);
    if (!items.isEmpty())
        m_list->setCurrentItem(items.first());
}

void EnvironmentDialog::addEnvironment()
{
    bool ok = false;
    const QString name = QInputDialog::getText(
        this, tr("Add Environment"), tr("Name:"), QLineEdit::Normal, QString(), &ok)
                             .trimmed();
    if (!ok || name.isEmpty())
        return;
    if (!m_list->findItems(name, Qt::MatchExactly).isEmpty()) {
        QMessageBox::warning(this, tr("Add Environment"),
            tr("There is already an environment called %1.").arg(name));
        return;
    }
    storeCurrent();
    m_environments.push_back({ toStd(name), {} });
    m_list->addItem(name);
    m_list->setCurrentRow(m_list->count() - 1);
}

void EnvironmentDialog::renameEnvironment()
{
    QListWidgetItem* item = m_list->currentItem();
    if (!item)
        return;
    bool ok = false;
    const QString name = QInputDialog::getText(
        this, tr("Rename Environment"), tr("Name:"), QLineEdit::Normal, item->text(), &ok)
                             .trimmed();
    if (!ok || name.isEmpty() || name == item->text())
        return;
    if (!m_list->findItems(name, Qt::MatchExactly).isEmpty()) {
        QMessageBox::warning(this, tr("Rename Environment"),
            tr("There is already an environment called %1.").arg(name));
        return;
    }
    m_environments[std::size_t(m_list->row(item))].name = toStd(name);
    item->setText(name);
}

void EnvironmentDialog::removeEnvironment()
{
    const int row = m_list->currentRow();
    if (row < 0)
        return;
    if (m_environments.size() == 1) {
        QMessageBox::information(
            this, tr("Remove Environment"), tr("A workspace keeps at least one environment."));
        return;
    }
    m_row = -1; // its edits go with it
    m_environments.erase(m_environments.begin() + row);
    delete m_list->takeItem(row);
}

} // namespace tollgate::ui
