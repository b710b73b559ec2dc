#include "ui/requests/autheditor.h"

#include "server/access/apikey.h"
#include "ui/common/appearance.h"
#include "ui/common/convert.h"
#include "ui/common/secretstore.h"
#include "ui/document/workspacedocument.h"

#include <QComboBox>
#include <QDateTime>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace tollgate::ui {

using server::ComposerRequest;

namespace {

enum AuthPage { AuthNonePage, AuthTokenPage, AuthBasicPage };

} // namespace

AuthEditor::AuthEditor(
    const WorkspaceDocument* document, const SecretStore* secrets, QWidget* parent)
    : QWidget(parent)
    , m_document(document)
    , m_secrets(secrets)
    , m_kind(new QComboBox(this))
    , m_stack(new QStackedWidget(this))
{
    m_kind->setObjectName(QStringLiteral("authKindCombo"));
    m_kind->addItem(tr("No auth"), int(ComposerRequest::AuthKind::None));
    m_kind->addItem(tr("Bearer token"), int(ComposerRequest::AuthKind::Bearer));
    m_kind->addItem(tr("API key header"), int(ComposerRequest::AuthKind::ApiKey));
    m_kind->addItem(tr("Basic"), int(ComposerRequest::AuthKind::Basic));
    connect(m_kind, &QComboBox::currentIndexChanged, this, &AuthEditor::onKindChanged);

    auto* none = new QLabel(tr("The request is sent without credentials."), m_stack);
    none->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    none->setEnabled(false);
    m_stack->addWidget(none);

    auto* tokenPage = new QWidget(m_stack);
    m_keyPicker = new QComboBox(tokenPage);
    m_keyPicker->setObjectName(QStringLiteral("keyPicker"));
    m_keyPicker->setToolTip(tr("Use one of this workspace's keys; only keys whose secret this "
                               "app holds can be picked"));
    connect(m_keyPicker, &QComboBox::currentIndexChanged, this, &AuthEditor::onKeyPicked);
    m_token = new QLineEdit(tokenPage);
    m_token->setObjectName(QStringLiteral("tokenEdit"));
    m_token->setFont(monospaceFont());
    m_token->setPlaceholderText(tr("Token, or {{variable}}"));
    m_token->setEchoMode(QLineEdit::PasswordEchoOnEdit);
    connect(m_token, &QLineEdit::textEdited, this, &AuthEditor::edited);
    m_apiKeyHeader = new QLineEdit(tokenPage);
    m_apiKeyHeader->setObjectName(QStringLiteral("apiKeyHeaderEdit"));
    m_apiKeyHeader->setText(QStringLiteral("X-API-Key"));
    connect(m_apiKeyHeader, &QLineEdit::textEdited, this, &AuthEditor::edited);
    m_keyNote = new QLabel(tokenPage);
    m_keyNote->setObjectName(QStringLiteral("keyNote"));
    m_keyNote->setWordWrap(true);
    m_keyNote->setEnabled(false);
    auto* tokenForm = new QFormLayout(tokenPage);
    tokenForm->addRow(tr("Workspace key:"), m_keyPicker);
    tokenForm->addRow(tr("Token:"), m_token);
    m_apiKeyHeaderLabel = new QLabel(tr("Header:"), tokenPage);
    tokenForm->addRow(m_apiKeyHeaderLabel, m_apiKeyHeader);
    tokenForm->addRow(QString(), m_keyNote);
    m_stack->addWidget(tokenPage);

    auto* basicPage = new QWidget(m_stack);
    m_basicUser = new QLineEdit(basicPage);
    m_basicUser->setObjectName(QStringLiteral("basicUserEdit"));
    connect(m_basicUser, &QLineEdit::textEdited, this, &AuthEditor::edited);
    m_basicPassword = new QLineEdit(basicPage);
    m_basicPassword->setObjectName(QStringLiteral("basicPasswordEdit"));
    m_basicPassword->setEchoMode(QLineEdit::PasswordEchoOnEdit);
    connect(m_basicPassword, &QLineEdit::textEdited, this, &AuthEditor::edited);
    auto* basicForm = new QFormLayout(basicPage);
    basicForm->addRow(tr("User:"), m_basicUser);
    basicForm->addRow(tr("Password:"), m_basicPassword);
    m_stack->addWidget(basicPage);

    auto* top = new QHBoxLayout;
    top->addWidget(m_kind);
    top->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 6, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_stack, 1);
    reloadKeys();

    connect(document, &WorkspaceDocument::keysChanged, this, &AuthEditor::reloadKeys);
    connect(document, &WorkspaceDocument::keysReset, this, &AuthEditor::reloadKeys);
    connect(secrets, &SecretStore::secretsChanged, this, &AuthEditor::reloadKeys);
}

AuthEditor::~AuthEditor() = default;

void AuthEditor::load(const ComposerRequest& r)
{
    m_kind->setCurrentIndex(m_kind->findData(int(r.auth)));
    reloadKeys();
    const int keyIndex = r.keyId.empty() ? 0 : m_keyPicker->findData(toQt(r.keyId));
    m_keyPicker->setCurrentIndex(std::max(0, keyIndex));
    m_token->setText(toQt(r.token));
    m_apiKeyHeader->setText(
        r.apiKeyHeader.empty() ? QStringLiteral("X-API-Key") : toQt(r.apiKeyHeader));
    m_basicUser->setText(toQt(r.basicUser));
    m_basicPassword->setText(toQt(r.basicPassword));
    onKindChanged();
    if (!r.keyId.empty() && keyIndex < 0)
        m_keyNote->setText(tr("This request uses key %1, whose secret this app does not hold. "
                              "Paste the key as a token, or pick another one.")
                               .arg(toQt(r.keyId)));
}

void AuthEditor::store(ComposerRequest* r) const
{
    r->auth = ComposerRequest::AuthKind(m_kind->currentData().toInt());
    if (r->auth == ComposerRequest::AuthKind::Bearer
        || r->auth == ComposerRequest::AuthKind::ApiKey) {
        r->keyId = toStd(m_keyPicker->currentData().toString());
        if (r->keyId.empty())
            r->token = toStd(m_token->text());
        if (r->auth == ComposerRequest::AuthKind::ApiKey)
            r->apiKeyHeader = toStd(m_apiKeyHeader->text().trimmed());
    } else if (r->auth == ComposerRequest::AuthKind::Basic) {
        r->basicUser = toStd(m_basicUser->text());
        r->basicPassword = toStd(m_basicPassword->text());
    }
}

void AuthEditor::onKindChanged()
{
    const auto kind = ComposerRequest::AuthKind(m_kind->currentData().toInt());
    switch (kind) {
    case ComposerRequest::AuthKind::None:
        m_stack->setCurrentIndex(AuthNonePage);
        break;
    case ComposerRequest::AuthKind::Bearer:
    case ComposerRequest::AuthKind::ApiKey:
        m_stack->setCurrentIndex(AuthTokenPage);
        m_apiKeyHeader->setVisible(kind == ComposerRequest::AuthKind::ApiKey);
        m_apiKeyHeaderLabel->setVisible(kind == ComposerRequest::AuthKind::ApiKey);
        break;
    case ComposerRequest::AuthKind::Basic:
        m_stack->setCurrentIndex(AuthBasicPage);
        break;
    }
    Q_EMIT edited();
}

void AuthEditor::onKeyPicked()
{
    const bool typed = m_keyPicker->currentData().toString().isEmpty();
    m_token->setEnabled(typed);
    if (!typed)
        m_token->clear();
    Q_EMIT edited();
}

void AuthEditor::reloadKeys()
{
    const QString selected = m_keyPicker->currentData().toString();
    const QSignalBlocker block(m_keyPicker);
    m_keyPicker->clear();
    m_keyPicker->addItem(tr("None: type a token"), QString());
    const std::int64_t now = QDateTime::currentSecsSinceEpoch();
    int unknown = 0;
    for (const server::ApiKey& key : m_document->keys()) {
        if (server::keyState(key, now) != server::KeyState::Active)
            continue;
        const QString id = toQt(key.id);
        if (!m_secrets->knows(id)) {
            ++unknown;
            continue;
        }
        const QString label = key.label.empty() ? toQt(key.prefix) : toQt(key.label);
        m_keyPicker->addItem(tr("%1 (%2) · %3…").arg(label, toQt(key.tier), toQt(key.prefix)), id);
    }
    const int index = selected.isEmpty() ? 0 : m_keyPicker->findData(selected);
    m_keyPicker->setCurrentIndex(std::max(0, index));
    m_token->setEnabled(m_keyPicker->currentIndex() <= 0);
    QString note;
    if (unknown > 0)
        note = tr("%n active key(s) of this workspace cannot be picked: their secret was shown "
                  "once when created and this app does not hold it.",
            nullptr, unknown);
    if (!m_secrets->persistent())
        note += (note.isEmpty() ? QString() : QStringLiteral(" "))
            + tr("Secrets of keys created here are kept for this session only. %1")
                  .arg(m_secrets->keychainProblem());
    m_keyNote->setText(note);
}

} // namespace tollgate::ui
