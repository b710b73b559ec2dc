#include "ui/routes/wsruleeditor.h"

#include "ui/common/appearance.h"
#include "ui/common/convert.h"
#include "ui/common/widgetfactory.h"
#include "ui/routes/wsmessageseditor.h"
#include "ui/routes/wsrulemodel.h"

#include <QColor>
#include <QComboBox>
#include <QGridLayout>
#include <QIntValidator>
#include <QLabel>
#include <QLineEdit>
#include <QPalette>
#include <QScopedValueRollback>
#include <QVBoxLayout>

#include <regex>
#include <string>

namespace tollgate::ui {

namespace {

// A Close frame's payload is at most 125 bytes, two of them the code
// (RFC 6455 5.5); the reader refuses a longer reason.
constexpr std::size_t kMaxCloseReasonBytes = 123;

QLabel* buddyLabel(const QString& text, QWidget* buddy, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setBuddy(buddy);
    return label;
}

// A field whose text is not stored yet shows it in the error colour, so the
// line under the form points at it.
void markInvalid(QLineEdit* edit, bool invalid)
{
    if (!invalid) {
        // An empty palette sets nothing: the edit follows the theme again.
        edit->setPalette(QPalette());
        return;
    }
    QPalette p = edit->palette();
    p.setColor(QPalette::Text, QColor(0xd0, 0x3a, 0x3a));
    edit->setPalette(p);
}

} // namespace

WsRuleEditor::WsRuleEditor(QWidget* parent)
    : QWidget(parent)
    , m_title(titleLabel({}, this))
    , m_match(new QComboBox(this))
    , m_pointer(new QLineEdit(this))
    , m_value(new QLineEdit(this))
    , m_audience(new QComboBox(this))
    , m_closeCode(new QLineEdit(this))
    , m_closeReason(new QLineEdit(this))
    , m_error(errorLabel(QStringLiteral("wsRuleErrorLabel"), this))
    , m_replies(new WsMessagesEditor(QStringLiteral("wsReplies"), this))
{
    m_title->setObjectName(QStringLiteral("wsRuleTitle"));

    m_match->setObjectName(QStringLiteral("wsRuleMatchCombo"));
    m_match->addItems(WsRuleModel::matchNames());
    m_match->setToolTip(tr("How an incoming text message (or its field at the pointer) is "
                           "compared with the value"));
    connect(m_match, &QComboBox::currentIndexChanged, this, [this] {
        updateEnabled();
        fieldEdited({}, tr("Change how a rule matches"));
    });

    m_pointer->setObjectName(QStringLiteral("wsRulePointerEdit"));
    m_pointer->setFont(monospaceFont());
    m_pointer->setPlaceholderText(tr("whole message"));
    m_pointer->setToolTip(tr("A JSON pointer such as /type compares that field of a JSON "
                             "message; empty compares the whole message"));
    connect(m_pointer, &QLineEdit::textEdited, this,
        [this] { fieldEdited(QStringLiteral("pointer"), tr("Change rule pointer")); });

    m_value->setObjectName(QStringLiteral("wsRuleValueEdit"));
    m_value->setFont(monospaceFont());
    m_value->setToolTip(tr("What the message is compared with; a regular expression is "
                           "ECMAScript, as in JavaScript"));
    connect(m_value, &QLineEdit::textEdited, this,
        [this] { fieldEdited(QStringLiteral("value"), tr("Change rule value")); });

    m_audience->setObjectName(QStringLiteral("wsRuleAudienceCombo"));
    m_audience->addItems(WsRuleModel::audienceNames());
    m_audience->setToolTip(tr("Everyone connected: every client of this route, whichever "
                              "server thread holds it (a chat, a broadcast)"));
    connect(m_audience, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (m_showing || m_row < 0)
            return;
        server::WsRule r = m_rule;
        r.audience = index == 1 ? server::WsAudience::Everyone : server::WsAudience::Sender;
        Q_EMIT edited(r, {}, tr("Change who gets the replies"));
    });

    m_closeCode->setObjectName(QStringLiteral("wsRuleCloseCodeEdit"));
    // Digits only; whether the code can be sent is said, not refused as typed.
    m_closeCode->setValidator(new QIntValidator(0, 9999, m_closeCode));
    m_closeCode->setPlaceholderText(tr("none"));
    m_closeCode->setToolTip(tr("After the replies, close the connection with this code: 1000 "
                               "normal, 1008 policy violation, 3000-4999 your own; empty keeps "
                               "it open"));
    m_closeCode->setMaximumWidth(
        m_closeCode->fontMetrics().horizontalAdvance(QStringLiteral("0")) * 9 + 16);
    connect(m_closeCode, &QLineEdit::textEdited, this, [this] {
        updateEnabled();
        fieldEdited(QStringLiteral("close/code"), tr("Change close code"));
    });

    m_closeReason->setObjectName(QStringLiteral("wsRuleCloseReasonEdit"));
    m_closeReason->setPlaceholderText(tr("optional"));
    m_closeReason->setToolTip(tr("Sent with the close code; at most 123 bytes"));
    connect(m_closeReason, &QLineEdit::textEdited, this,
        [this] { fieldEdited(QStringLiteral("close/reason"), tr("Change close reason")); });

    m_error->setWordWrap(true);

    m_replies->setStarter({ R"({"echo": "{{message}}"})", 0 });
    m_replies->setHint(tr("Replies, in order, each after its delay; {{message}} is the message "
                          "answered."));
    m_replies->setSizes(2, 3);
    m_replies->setTextLabel(tr("Te&xt of reply %1:"));
    m_replies->setEmptyText(tr("No replies: a message this rule matches is answered with "
                               "nothing (and the connection closed, with a close code)."));
    m_replies->setButtonTips(tr("Add a reply at the end"), tr("Remove the selected reply"));
    connect(m_replies, &WsMessagesEditor::edited, this, [this](const QString& cell) {
        if (m_row < 0)
            return;
        server::WsRule r = m_rule;
        r.replies = m_replies->messages();
        Q_EMIT edited(
            r, cell.isEmpty() ? QString() : QStringLiteral("replies/") + cell, tr("Edit replies"));
    });
    connect(m_replies, &WsMessagesEditor::refused, this, &WsRuleEditor::refused);

    auto* grid = new QGridLayout;
    grid->setHorizontalSpacing(6);
    grid->setVerticalSpacing(6);
    grid->addWidget(buddyLabel(tr("Mat&ch:"), m_match, this), 0, 0);
    grid->addWidget(m_match, 0, 1);
    grid->addWidget(buddyLabel(tr("Po&inter:"), m_pointer, this), 0, 2);
    grid->addWidget(m_pointer, 0, 3);
    grid->addWidget(buddyLabel(tr("&Value:"), m_value, this), 0, 4);
    grid->addWidget(m_value, 0, 5);
    grid->addWidget(buddyLabel(tr("Repl&y to:"), m_audience, this), 1, 0);
    grid->addWidget(m_audience, 1, 1);
    grid->addWidget(buddyLabel(tr("Cl&ose code:"), m_closeCode, this), 1, 2);
    grid->addWidget(m_closeCode, 1, 3, Qt::AlignLeft);
    grid->addWidget(buddyLabel(tr("Reaso&n:"), m_closeReason, this), 1, 4);
    grid->addWidget(m_closeReason, 1, 5);
    grid->setColumnStretch(3, 1);
    grid->setColumnStretch(5, 2);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addWidget(m_title);
    layout->addLayout(grid);
    layout->addWidget(m_error);
    layout->addSpacing(4);
    layout->addWidget(m_replies, 1);
    clearRule();
}

void WsRuleEditor::setRule(int row, const server::WsRule& rule)
{
    const bool same = row == m_row;
    const server::WsRule before = m_rule;
    m_row = row;
    m_rule = rule;
    const QScopedValueRollback showing(m_showing, true);
    setEnabled(true);
    m_title->setText(tr("Rule %1").arg(row + 1));
    // A field still being fixed stays as typed, unless what it would
    // replace changed meanwhile (an undo) or another rule is shown.
    const auto keep = [&](Field field, bool unchanged) {
        if (same && unchanged && !m_problems[field].isEmpty())
            return true;
        m_problems[field].clear();
        return false;
    };
    if (!keep(PointerField, before.pointer == rule.pointer)
        && m_pointer->text().trimmed() != toQt(rule.pointer))
        m_pointer->setText(toQt(rule.pointer));
    if (!keep(ValueField, before.match == rule.match && before.value == rule.value)) {
        m_match->setCurrentIndex(WsRuleModel::matchIndex(rule.match));
        if (m_value->text() != toQt(rule.value))
            m_value->setText(toQt(rule.value));
    }
    m_audience->setCurrentIndex(rule.audience == server::WsAudience::Everyone ? 1 : 0);
    const bool codeKept = keep(CloseCodeField, before.closeCode == rule.closeCode);
    if (!codeKept) {
        const QString shown = m_closeCode->text().trimmed();
        const bool showsIt = rule.closeCode > 0 ? shown.toInt() == rule.closeCode : shown.isEmpty();
        if (!showsIt)
            m_closeCode->setText(rule.closeCode > 0 ? QString::number(rule.closeCode) : QString());
    }
    // A reason typed while the code is not sendable yet waits with it.
    const bool reasonKept = keep(CloseReasonField, before.closeReason == rule.closeReason)
        || (codeKept && before.closeReason == rule.closeReason);
    if (!reasonKept && m_closeReason->text() != toQt(rule.closeReason))
        m_closeReason->setText(toQt(rule.closeReason));
    if (!same)
        m_replies->setMessages({}); // another rule opens on its first reply
    m_replies->setMessages(rule.replies);
    updateEnabled();
    showProblems();
}

void WsRuleEditor::clearRule()
{
    const QScopedValueRollback showing(m_showing, true);
    m_row = -1;
    m_rule = {};
    m_problems.fill({});
    m_title->setText(tr("No rule selected"));
    m_match->setCurrentIndex(-1);
    m_pointer->clear();
    m_value->clear();
    m_value->setPlaceholderText({});
    m_audience->setCurrentIndex(-1);
    m_closeCode->clear();
    m_closeReason->clear();
    m_replies->setMessages({});
    setEnabled(false);
    showProblems();
}

void WsRuleEditor::focusValue()
{
    QLineEdit* edit = m_value->isEnabled() ? m_value : m_pointer;
    edit->setFocus(Qt::OtherFocusReason);
    edit->selectAll();
}

QString WsRuleEditor::problems() const
{
    QStringList lines;
    for (const QString& problem : m_problems)
        if (!problem.isEmpty())
            lines << problem;
    return lines.join(QLatin1Char('\n'));
}

server::WsRule WsRuleEditor::fromFields()
{
    server::WsRule r = m_rule;
    m_problems.fill({});

    const QString pointer = m_pointer->text().trimmed();
    if (pointer.isEmpty() || pointer.startsWith(QLatin1Char('/')))
        r.pointer = toStd(pointer);
    else
        m_problems[PointerField] = tr("Pointer: a JSON pointer starts with '/', such as /type.");

    // The match and the value go together: a regex match needs a value
    // that compiles, so neither is stored until it does.
    const server::WsMatch match = WsRuleModel::matchAt(m_match->currentIndex());
    const QString value = m_value->text();
    const QString regex = match == server::WsMatch::Regex ? regexProblem(value) : QString();
    if (regex.isEmpty()) {
        r.match = match;
        r.value = toStd(value);
    } else {
        m_problems[ValueField] = tr("Value: not a regular expression: %1").arg(regex);
    }

    const QString codeText = m_closeCode->text().trimmed();
    if (codeText.isEmpty()) {
        // The route file keeps a reason only with a code.
        r.closeCode = 0;
        r.closeReason.clear();
    } else if (const std::string why = server::wsCloseCodeProblem(codeText.toInt()); why.empty()) {
        r.closeCode = codeText.toInt();
    } else {
        m_problems[CloseCodeField] = tr("Close code: %1").arg(toQt(why));
    }
    if (r.closeCode > 0) {
        const std::string reason = toStd(m_closeReason->text());
        if (reason.size() <= kMaxCloseReasonBytes)
            r.closeReason = reason;
        else
            m_problems[CloseReasonField]
                = tr("Close reason: at most %1 bytes, the rest of a close frame (it has %2).")
                      .arg(kMaxCloseReasonBytes)
                      .arg(reason.size());
    }
    return r;
}

void WsRuleEditor::fieldEdited(const QString& mergeKey, const QString& undoText)
{
    if (m_showing || m_row < 0)
        return;
    const server::WsRule next = fromFields();
    showProblems();
    if (next != m_rule)
        Q_EMIT edited(next, mergeKey, undoText);
}

void WsRuleEditor::showProblems()
{
    const QString text = problems();
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
    markInvalid(m_pointer, !m_problems[PointerField].isEmpty());
    markInvalid(m_value, !m_problems[ValueField].isEmpty());
    markInvalid(m_closeCode, !m_problems[CloseCodeField].isEmpty());
    markInvalid(m_closeReason, !m_problems[CloseReasonField].isEmpty());
}

void WsRuleEditor::updateEnabled()
{
    const server::WsMatch match = WsRuleModel::matchAt(m_match->currentIndex());
    const bool any = match == server::WsMatch::Any;
    m_value->setEnabled(!any);
    m_value->setPlaceholderText(any            ? tr("every text message matches")
            : match == server::WsMatch::Regex  ? QStringLiteral("^ping( .*)?$")
            : match == server::WsMatch::Equals ? QStringLiteral("ping")
                                               : QStringLiteral("hello"));
    m_closeReason->setEnabled(!m_closeCode->text().trimmed().isEmpty());
}

QString WsRuleEditor::regexProblem(const QString& text)
{
    // The server's own check (readWs): std::regex, ECMAScript grammar. Qt's
    // PCRE would accept patterns the server refuses, and refuse some it
    // takes.
    try {
        const std::regex check(toStd(text), std::regex::ECMAScript);
    } catch (const std::regex_error& e) {
        return QString::fromLocal8Bit(e.what());
    }
    return {};
}

} // namespace tollgate::ui
