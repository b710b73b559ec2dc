#include "ui/keys/rotatekeydialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace tollgate::ui {

namespace {

constexpr std::int64_t kHour = 3600;
constexpr std::int64_t kDay = 24 * kHour;

} // namespace

RotateKeyDialog::RotateKeyDialog(const QString& keyName, QWidget* parent)
    : QDialog(parent)
    , m_grace(new QComboBox(this))
{
    setObjectName(QStringLiteral("rotateKeyDialog"));
    setWindowTitle(tr("Rotate API Key"));

    auto* text = new QLabel(tr("Rotating <b>%1</b> creates a new key with the same tier, scopes, "
                               "label and owner. The old key keeps working for the grace period "
                               "so clients can switch, then expires.")
                                .arg(keyName.toHtmlEscaped()),
        this);
    text->setWordWrap(true);

    m_grace->setObjectName(QStringLiteral("graceCombo"));
    m_grace->addItem(tr("None (the old key stops now)"), qint64(0));
    m_grace->addItem(tr("1 hour"), qint64(kHour));
    m_grace->addItem(tr("24 hours"), qint64(kDay));
    m_grace->addItem(tr("7 days"), qint64(7 * kDay));
    m_grace->addItem(tr("30 days"), qint64(30 * kDay));
    setGraceSeconds(kDay);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Rotate Key"));
    buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("rotateKeyButton"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* form = new QFormLayout;
    form->addRow(tr("&Grace period:"), m_grace);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(text);
    layout->addLayout(form);
    layout->addWidget(buttons);
    setMinimumWidth(440);
}

std::int64_t RotateKeyDialog::graceSeconds() const
{
    return m_grace->currentData().toLongLong();
}

void RotateKeyDialog::setGraceSeconds(std::int64_t seconds)
{
    const int index = m_grace->findData(qint64(seconds));
    if (index >= 0)
        m_grace->setCurrentIndex(index);
}

} // namespace tollgate::ui
