#include "ui/keys/newkeydialog.h"

#include "ui/common/appearance.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace tollgate::ui {

NewKeyDialog::NewKeyDialog(const QString& title, const QString& secret, QWidget* parent)
    : QDialog(parent)
    , m_key(new QLineEdit(this))
    , m_copy(new QPushButton(tr("&Copy"), this))
    , m_copied(new QLabel(this))
{
    setObjectName(QStringLiteral("newKeyDialog"));
    setWindowTitle(tr("New API Key"));

    auto* heading = new QLabel(title, this);
    heading->setObjectName(QStringLiteral("newKeyTitleLabel"));
    heading->setTextFormat(Qt::PlainText);
    QFont bold = heading->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.1);
    heading->setFont(bold);

    m_key->setObjectName(QStringLiteral("newKeyEdit"));
    m_key->setReadOnly(true);
    m_key->setFont(monospaceFont());
    m_key->setText(secret);
    // Wide enough for a whole key: tg_ + env + 49 characters.
    m_key->setMinimumWidth(m_key->fontMetrics().horizontalAdvance(secret) + 24);
    m_key->setAccessibleName(tr("New API key"));

    m_copy->setObjectName(QStringLiteral("copyKeyButton"));
    m_copy->setIcon(QIcon::fromTheme(QStringLiteral("edit-copy")));
    m_copy->setToolTip(tr("Copy the key to the clipboard"));
    connect(m_copy, &QPushButton::clicked, this, &NewKeyDialog::copyKey);

    m_copied->setObjectName(QStringLiteral("copiedLabel"));
    m_copied->setForegroundRole(QPalette::PlaceholderText);

    auto* icon = new QLabel(this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(32, 32));
    icon->setAlignment(Qt::AlignTop);
    auto* warning = new QLabel(tr("<b>Copy the key now: it will not be shown again.</b><br>"
                                  "Tollgate stores only its SHA-256 hash, so a lost key cannot be "
                                  "recovered. If it is lost, rotate it to get a new one."),
        this);
    warning->setObjectName(QStringLiteral("newKeyWarningLabel"));
    warning->setWordWrap(true);

    auto* keyRow = new QHBoxLayout;
    keyRow->addWidget(m_key, 1);
    keyRow->addWidget(m_copy);

    auto* warningRow = new QHBoxLayout;
    warningRow->addWidget(icon);
    warningRow->addWidget(warning, 1);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->button(QDialogButtonBox::Close)->setText(tr("I Have Copied the Key"));
    buttons->button(QDialogButtonBox::Close)->setObjectName(QStringLiteral("closeNewKeyButton"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::accept);

    auto* layout = new QVBoxLayout(this);
    layout->setSpacing(10);
    layout->addWidget(heading);
    layout->addLayout(keyRow);
    layout->addWidget(m_copied);
    layout->addLayout(warningRow);
    layout->addWidget(buttons);

    m_key->selectAll();
    m_key->setFocus();
}

NewKeyDialog::~NewKeyDialog()
{
    forget();
}

void NewKeyDialog::copyKey()
{
    if (m_key->text().isEmpty())
        return;
    QGuiApplication::clipboard()->setText(m_key->text());
    m_copied->setText(tr("Copied to the clipboard."));
    m_copy->setDefault(false);
}

void NewKeyDialog::done(int result)
{
    forget();
    QDialog::done(result);
}

void NewKeyDialog::forget()
{
    // Qt does not zero the buffers it frees, so this is not a wipe; it makes
    // sure the text leaves the widget tree (and accessibility, and any later
    // grab of the window) as soon as the dialog closes.
    m_key->clear();
    m_key->setEnabled(false);
}

} // namespace tollgate::ui
