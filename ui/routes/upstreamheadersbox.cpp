#include "ui/routes/upstreamheadersbox.h"

#include "ui/common/appearance.h"
#include "ui/common/convert.h"
#include "ui/common/upstreamsecrets.h"
#include "ui/common/widgetfactory.h"
#include "ui/routes/upstreamheadermodel.h"
#include "ui/widgets/comboboxdelegate.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace tollgate::ui {

UpstreamHeadersBox::UpstreamHeadersBox(QWidget* parent)
    : QGroupBox(tr("Headers"), parent)
    , m_model(new UpstreamHeaderModel(this))
    , m_view(new QTableView(this))
    , m_secretRow(new QWidget(this))
    , m_secretName(new QLabel(m_secretRow))
    , m_secretValue(new QLineEdit(m_secretRow))
    , m_keep(new QPushButton(tr("&Keep"), m_secretRow))
    , m_forget(new QPushButton(tr("&Forget"), m_secretRow))
    , m_secretState(new QLabel(m_secretRow))
    , m_hint(new QLabel(this))
{
    setObjectName(QStringLiteral("upstreamHeadersBox"));
    connect(m_model, &UpstreamHeaderModel::headersEdited, this, [this](const QString& mergeKey) {
        updateSecret();
        Q_EMIT edited(mergeKey);
    });
    connect(m_model, &UpstreamHeaderModel::refused, this, &UpstreamHeadersBox::refused);

    m_view->setObjectName(QStringLiteral("upstreamHeadersView"));
    m_view->setAccessibleName(tr("Header changes"));
    m_view->setModel(m_model);
    m_view->setItemDelegate(new ComboBoxDelegate(UpstreamHeaderModel::ChoicesRole, m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::AllEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 10);
    // The columns share the width the tab has: no sideways scrolling.
    QHeaderView* header = m_view->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Stretch);
    header->setSectionResizeMode(UpstreamHeaderModel::ActionColumn, QHeaderView::Fixed);
    header->resizeSection(UpstreamHeaderModel::ActionColumn,
        m_view->fontMetrics().horizontalAdvance(UpstreamHeaderModel::actionNames().value(2)) + 48);
    const int row = m_view->verticalHeader()->defaultSectionSize();
    m_view->setMinimumHeight(row * 4);
    m_view->setMaximumHeight(row * 8 + header->sizeHint().height());
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
        &UpstreamHeadersBox::updateSecret);

    m_add = iconButton(QStringLiteral("list-add"), tr("Add"), tr("Add a header change"), this);
    m_add->setObjectName(QStringLiteral("addUpstreamHeaderButton"));
    connect(m_add, &QToolButton::clicked, this, [this] {
        const int row = m_model->rowCount();
        m_model->insertRows(row, 1);
        // Becoming current opens the name's editor (every edit trigger is on).
        m_view->setCurrentIndex(m_model->index(row, UpstreamHeaderModel::NameColumn));
    });
    m_remove = iconButton(
        QStringLiteral("list-remove"), tr("Remove"), tr("Remove the selected header change"), this);
    m_remove->setObjectName(QStringLiteral("removeUpstreamHeaderButton"));
    connect(m_remove, &QToolButton::clicked, this, [this] {
        const QModelIndex current = m_view->currentIndex();
        if (current.isValid())
            m_model->removeRows(current.row(), 1);
    });

    m_secretValue->setObjectName(QStringLiteral("upstreamSecretEdit"));
    m_secretValue->setEchoMode(QLineEdit::Password);
    m_secretValue->setClearButtonEnabled(true);
    m_secretValue->setPlaceholderText(tr("type the value once"));
    m_keep->setObjectName(QStringLiteral("keepUpstreamSecretButton"));
    m_keep->setToolTip(tr("Keep the value in the OS keychain (never in the workspace)"));
    m_forget->setObjectName(QStringLiteral("forgetUpstreamSecretButton"));
    m_forget->setToolTip(tr("Remove the value this app keeps"));
    m_secretState->setObjectName(QStringLiteral("upstreamSecretStateLabel"));
    m_secretState->setWordWrap(true);
    connect(m_secretValue, &QLineEdit::textChanged, this,
        [this](const QString& text) { m_keep->setEnabled(m_secrets && !text.isEmpty()); });
    connect(m_secretValue, &QLineEdit::returnPressed, m_keep, &QPushButton::click);
    connect(m_keep, &QPushButton::clicked, this, [this] {
        const QString name = currentSecret();
        if (!m_secrets || name.isEmpty() || m_secretValue->text().isEmpty())
            return;
        m_secrets->store(name, m_secretValue->text());
        m_secretValue->clear();
    });
    connect(m_forget, &QPushButton::clicked, this, [this] {
        if (m_secrets && !currentSecret().isEmpty())
            m_secrets->forget(currentSecret());
    });

    auto* secretLayout = new QGridLayout(m_secretRow);
    secretLayout->setContentsMargins(0, 0, 0, 0);
    secretLayout->setHorizontalSpacing(6);
    secretLayout->addWidget(m_secretName, 0, 0);
    secretLayout->addWidget(m_secretValue, 0, 1);
    secretLayout->addWidget(m_keep, 0, 2);
    secretLayout->addWidget(m_forget, 0, 3);
    secretLayout->addWidget(m_secretState, 1, 1, 1, 3);
    secretLayout->setColumnStretch(1, 1);

    m_hint->setWordWrap(true);
    m_hint->setForegroundRole(QPalette::PlaceholderText);
    m_hint->setText(tr("Caller credentials for Tollgate never reach the upstream on a route that "
                       "takes a key. Name a secret to send a value kept in the OS keychain."));

    auto* bar = new QHBoxLayout;
    bar->setSpacing(2);
    bar->addWidget(m_hint, 1);
    bar->addWidget(m_add, 0, Qt::AlignTop);
    bar->addWidget(m_remove, 0, Qt::AlignTop);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_view);
    layout->addWidget(m_secretRow);
    updateSecret();
}

void UpstreamHeadersBox::setSecrets(UpstreamSecrets* secrets)
{
    if (m_secrets)
        m_secrets->disconnect(this);
    m_secrets = secrets;
    if (m_secrets)
        connect(
            m_secrets, &UpstreamSecrets::secretsChanged, this, &UpstreamHeadersBox::updateSecret);
    updateSecret();
}

void UpstreamHeadersBox::setHeaders(const std::vector<server::UpstreamHeader>& headers)
{
    const int row = m_view->currentIndex().row();
    m_model->setHeaders(headers);
    // A reset after an undo: keep the row the user was on.
    if (!m_view->currentIndex().isValid() && row >= 0 && row < m_model->rowCount())
        m_view->setCurrentIndex(m_model->index(row, UpstreamHeaderModel::NameColumn));
    updateSecret();
}

const std::vector<server::UpstreamHeader>& UpstreamHeadersBox::headers() const
{
    return m_model->headers();
}

QString UpstreamHeadersBox::currentSecret() const
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid())
        return {};
    return toQt(m_model->headers().at(std::size_t(current.row())).secretEnv);
}

void UpstreamHeadersBox::updateSecret()
{
    m_remove->setEnabled(m_view->currentIndex().isValid());
    const QString name = currentSecret();
    m_secretRow->setVisible(!name.isEmpty());
    if (name.isEmpty())
        return;
    m_secretName->setText(tr("Value of %1:").arg(name));
    m_secretValue->setAccessibleName(tr("Value of the secret %1").arg(name));
    m_secretName->setBuddy(m_secretValue);
    const UpstreamSecrets::Source source
        = m_secrets ? m_secrets->source(name) : UpstreamSecrets::Source::Missing;
    QString state;
    int status = 200;
    switch (source) {
    case UpstreamSecrets::Source::App:
        state = m_secrets->persistent()
            ? tr("Set: kept in the OS keychain.")
            : tr("Set for this session only: %1").arg(m_secrets->keychainProblem());
        break;
    case UpstreamSecrets::Source::Environment:
        state = tr("Set by the environment variable %1.").arg(name);
        break;
    case UpstreamSecrets::Source::Missing:
        state = tr("Not set: the route is not served until it is (or until the environment "
                   "variable %1 is set).")
                    .arg(name);
        status = 500;
        break;
    }
    m_secretState->setText(state);
    QPalette p = m_secretState->palette();
    p.setColor(QPalette::WindowText, statusColor(status, palette()));
    m_secretState->setPalette(p);
    m_keep->setEnabled(m_secrets && !m_secretValue->text().isEmpty());
    m_forget->setEnabled(source == UpstreamSecrets::Source::App);
}

} // namespace tollgate::ui
