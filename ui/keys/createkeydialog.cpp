#include "ui/keys/createkeydialog.h"

#include "ui/common/convert.h"
#include "ui/common/money.h"
#include "ui/common/scopelist.h"
#include "ui/common/widgetfactory.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace tollgate::ui {

namespace {

constexpr qint64 kDefaultLifetimeDays = 90;

QString tierSummary(const server::Tier& t)
{
    const QLocale locale;
    const QString name = toQt(t.name.empty() ? t.id : t.name);
    const QString rate = t.requestsPerMinute == 0
        ? CreateKeyDialog::tr("no rate limit")
        : CreateKeyDialog::tr("%1 req/min").arg(locale.toString(t.requestsPerMinute));
    const QString quota = t.monthlyQuota == 0
        ? CreateKeyDialog::tr("no quota")
        : CreateKeyDialog::tr("%1/month").arg(locale.toString(t.monthlyQuota));
    QString text = CreateKeyDialog::tr("%1 — %2, %3").arg(name, rate, quota);
    if (t.monthlyFeeMicros > 0)
        text += CreateKeyDialog::tr(", %1/month fee").arg(Money::format(t.monthlyFeeMicros));
    return text;
}

} // namespace

CreateKeyDialog::CreateKeyDialog(const std::vector<server::Tier>& tiers, QWidget* parent)
    : QDialog(parent)
    , m_tier(new QComboBox(this))
    , m_label(new QLineEdit(this))
    , m_owner(new QLineEdit(this))
    , m_scopes(new QLineEdit(this))
    , m_expires(new QCheckBox(tr("E&xpires on"), this))
    , m_expiry(new QDateTimeEdit(this))
    , m_error(errorLabel(QStringLiteral("createKeyErrorLabel"), this))
{
    setObjectName(QStringLiteral("createKeyDialog"));
    setWindowTitle(tr("New API Key"));

    m_tier->setObjectName(QStringLiteral("keyTierCombo"));
    for (const server::Tier& t : tiers)
        m_tier->addItem(tierSummary(t), toQt(t.id));

    m_label->setObjectName(QStringLiteral("keyLabelEdit"));
    m_label->setPlaceholderText(tr("What the key is for, e.g. \"Mobile app\""));
    m_owner->setObjectName(QStringLiteral("keyOwnerEdit"));
    m_owner->setPlaceholderText(tr("Customer or team, e.g. \"acme@example.com\""));
    m_scopes->setObjectName(QStringLiteral("keyScopesEdit"));
    m_scopes->setPlaceholderText(tr("Comma separated, e.g. read, generate"));
    m_scopes->setToolTip(tr("Routes that require scopes accept only keys holding all of them"));

    m_expires->setObjectName(QStringLiteral("keyExpiresCheck"));
    m_expiry->setObjectName(QStringLiteral("keyExpiryEdit"));
    m_expiry->setCalendarPopup(true);
    m_expiry->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
    m_expiry->setDateTime(QDateTime::currentDateTime().addDays(kDefaultLifetimeDays));
    m_expiry->setMinimumDateTime(QDateTime::currentDateTime());
    m_expiry->setEnabled(false);
    connect(m_expires, &QCheckBox::toggled, m_expiry, &QWidget::setEnabled);
    auto* expiryRow = new QHBoxLayout;
    expiryRow->addWidget(m_expires);
    expiryRow->addWidget(m_expiry, 1);

    m_error->setWordWrap(true);

    auto* note = new QLabel(
        tr("The key is shown once after it is created. Tollgate keeps only its SHA-256 hash."),
        this);
    note->setWordWrap(true);
    note->setForegroundRole(QPalette::PlaceholderText);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Create Key"));
    buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("createKeyButton"));
    buttons->button(QDialogButtonBox::Ok)->setEnabled(!tiers.empty());
    connect(buttons, &QDialogButtonBox::accepted, this, &CreateKeyDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* form = new QFormLayout;
    form->addRow(tr("&Tier:"), m_tier);
    form->addRow(tr("&Label:"), m_label);
    form->addRow(tr("&Owner:"), m_owner);
    form->addRow(tr("&Scopes:"), m_scopes);
    form->addRow(QString(), expiryRow);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(note);
    layout->addWidget(buttons);
    setMinimumWidth(520);
    m_label->setFocus();
}

void CreateKeyDialog::setTier(const QString& id)
{
    const int index = m_tier->findData(id);
    if (index >= 0)
        m_tier->setCurrentIndex(index);
}

void CreateKeyDialog::showError(const QString& text)
{
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
}

void CreateKeyDialog::accept()
{
    server::KeyOptions options;
    options.tier = toStd(m_tier->currentData().toString());
    if (options.tier.empty()) {
        showError(tr("Create a tier first: every key belongs to one."));
        return;
    }
    options.label = toStd(m_label->text().trimmed());
    options.owner = toStd(m_owner->text().trimmed());
    QString error;
    if (!ScopeList::parse(m_scopes->text(), &options.scopes, &error)) {
        showError(error);
        m_scopes->setFocus();
        return;
    }
    if (m_expires->isChecked()) {
        options.expires = m_expiry->dateTime().toSecsSinceEpoch();
        if (options.expires <= QDateTime::currentSecsSinceEpoch()) {
            showError(tr("The expiry must be in the future."));
            m_expiry->setFocus();
            return;
        }
    }
    m_options = std::move(options);
    showError({});
    QDialog::accept();
}

} // namespace tollgate::ui
