#include "ui/shell/upstreamsettingsdialog.h"

#include "server/workspace/upstreamurl.h"
#include "ui/common/appearance.h"
#include "ui/common/convert.h"
#include "ui/common/widgetfactory.h"
#include "ui/document/workspacedocument.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace tollgate::ui {

UpstreamSettingsDialog::UpstreamSettingsDialog(WorkspaceDocument* document, QWidget* parent)
    : QDialog(parent)
    , m_document(document)
    , m_fallback(new QLineEdit(this))
    , m_allowlist(new QPlainTextEdit(this))
    , m_error(errorLabel(QStringLiteral("upstreamSettingsErrorLabel"), this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("upstreamSettingsDialog"));
    setWindowTitle(tr("Upstream Settings"));
    const server::ServerSettings& s = document->workspace().server;

    m_fallback->setObjectName(QStringLiteral("fallbackUrlEdit"));
    m_fallback->setFont(monospaceFont());
    m_fallback->setPlaceholderText(tr("none: answer 404"));
    m_fallback->setText(toQt(s.fallback.url));
    m_fallback->setToolTip(tr("A request that matches no route (other than GET /health) is "
                              "forwarded here, so a few designed routes can sit in front of a "
                              "real API"));
    QStringList ranges;
    for (const std::string& range : s.upstreamAllowlist)
        ranges << toQt(range);
    m_allowlist->setObjectName(QStringLiteral("upstreamAllowlistEdit"));
    m_allowlist->setFont(monospaceFont());
    m_allowlist->setPlaceholderText(QStringLiteral("10.1.2.0/24\n192.168.1.20"));
    m_allowlist->setPlainText(ranges.join(QLatin1Char('\n')));
    m_allowlist->setTabChangesFocus(true);
    m_allowlist->setFixedHeight(m_allowlist->fontMetrics().lineSpacing() * 5 + 12);
    m_error->setWordWrap(true);

    auto* fallbackNote = new QLabel(tr("Requests that match no route, except GET /health, are "
                                       "forwarded to this upstream. Empty: they get 404."),
        this);
    auto* allowNote = new QLabel(
        tr("Upstreams are refused when their address is private, link-local or the machine's "
           "own, unless a range here (one per line) names it. The app always allows loopback "
           "(127.0.0.0/8, ::1/128) for local development; tollgated allows only these ranges "
           "and those given with --allow-upstream."),
        this);
    for (QLabel* note : { fallbackNote, allowNote }) {
        note->setWordWrap(true);
        note->setForegroundRole(QPalette::PlaceholderText);
    }

    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("&Fallback upstream:"), m_fallback);
    form->addRow(QString(), fallbackNote);
    form->addRow(tr("&Allowed addresses:"), m_allowlist);
    form->addRow(QString(), allowNote);

    connect(m_fallback, &QLineEdit::textChanged, this, &UpstreamSettingsDialog::validate);
    connect(m_allowlist, &QPlainTextEdit::textChanged, this, &UpstreamSettingsDialog::validate);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (apply())
            accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addStretch(1);
    layout->addWidget(m_buttons);
    resize(fontMetrics().averageCharWidth() * 90, sizeHint().height());
    validate();
}

std::vector<std::string> UpstreamSettingsDialog::parseAllowlist(const QString& text)
{
    std::vector<std::string> out;
    static const QRegularExpression separators(QStringLiteral("[\\s,]+"));
    for (const QString& part : text.split(separators, Qt::SkipEmptyParts))
        out.push_back(toStd(part));
    return out;
}

server::ServerSettings UpstreamSettingsDialog::settings() const
{
    server::ServerSettings s = m_document->workspace().server;
    s.fallback.url = toStd(m_fallback->text().trimmed());
    s.upstreamAllowlist = parseAllowlist(m_allowlist->toPlainText());
    return s;
}

void UpstreamSettingsDialog::validate()
{
    QStringList problems;
    const std::string url = toStd(m_fallback->text().trimmed());
    std::string error;
    if (!url.empty() && !server::parseUpstreamUrl(url, &error))
        problems << tr("Fallback upstream: %1").arg(toQt(error));
    for (const std::string& range : parseAllowlist(m_allowlist->toPlainText())) {
        const std::string problem = server::upstreamAllowlistProblem(range);
        if (!problem.empty())
            problems << tr("Allowed address %1: %2").arg(toQt(range), toQt(problem));
    }
    m_valid = problems.isEmpty();
    m_error->setText(problems.join(QLatin1Char('\n')));
    m_error->setVisible(!m_valid);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_valid);
}

bool UpstreamSettingsDialog::apply()
{
    if (!m_valid)
        return false;
    const server::ServerSettings next = settings();
    if (next != m_document->workspace().server)
        m_document->setServerSettings(next, tr("Change upstream settings"));
    return true;
}

} // namespace tollgate::ui
