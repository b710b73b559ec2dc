#include "ui/requests/requesteditor.h"

#include "ui/common/appearance.h"
#include "ui/common/convert.h"
#include "ui/requests/autheditor.h"
#include "ui/requests/queryparammodel.h"
#include "ui/requests/requestbodyeditor.h"
#include "ui/requests/requestoptionsform.h"
#include "ui/requests/testseditor.h"
#include "ui/widgets/editabletable.h"
#include "ui/widgets/headertablemodel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QIcon>
#include <QLineEdit>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace tollgate::ui {

using server::ComposerRequest;

namespace {

enum Tab { ParamsTab, HeadersTab, BodyTab, AuthTab, OptionsTab, TestsTab };

QStringList methods()
{
    return { QStringLiteral("GET"), QStringLiteral("POST"), QStringLiteral("PUT"),
        QStringLiteral("PATCH"), QStringLiteral("DELETE"), QStringLiteral("HEAD"),
        QStringLiteral("OPTIONS") };
}

} // namespace

RequestEditor::RequestEditor(
    const WorkspaceDocument* document, const SecretStore* secrets, QWidget* parent)
    : QWidget(parent)
    , m_loading(true) // nothing the widgets report while they are built is an edit
    , m_method(new QComboBox(this))
    , m_url(new QLineEdit(this))
    , m_sendButton(new QToolButton(this))
    , m_tabs(new QTabWidget(this))
    , m_params(new QueryParamModel(this))
    , m_headers(new HeaderTableModel(this))
    , m_body(new RequestBodyEditor(document, this))
    , m_auth(new AuthEditor(document, secrets, this))
    , m_options(new RequestOptionsForm(this))
    , m_tests(new TestsEditor(this))
{
    m_method->setObjectName(QStringLiteral("composerMethod"));
    m_method->setEditable(true);
    m_method->addItems(methods());
    m_method->setInsertPolicy(QComboBox::NoInsert);
    m_method->setToolTip(tr("HTTP method; type another one if you need it"));
    QFont mono = monospaceFont();
    mono.setBold(true);
    m_method->setFont(mono);
    m_method->setMinimumContentsLength(7);
    connect(m_method, &QComboBox::currentTextChanged, this, &RequestEditor::onEdited);

    m_url->setObjectName(QStringLiteral("composerUrl"));
    m_url->setFont(monospaceFont());
    m_url->setPlaceholderText(tr("{{baseUrl}}/v1/users/42, or paste a curl command"));
    m_url->setClearButtonEnabled(true);
    connect(m_url, &QLineEdit::textEdited, this, &RequestEditor::onUrlEdited);
    connect(m_url, &QLineEdit::returnPressed, this, &RequestEditor::sendRequested);

    m_sendButton->setObjectName(QStringLiteral("sendButton"));
    m_sendButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_sendButton->setMinimumWidth(96);
    connect(m_sendButton, &QToolButton::clicked, this, &RequestEditor::sendButtonClicked);

    auto* urlRow = new QHBoxLayout;
    urlRow->setSpacing(6);
    urlRow->addWidget(m_method);
    urlRow->addWidget(m_url, 1);
    urlRow->addWidget(m_sendButton);

    auto* params = new EditableTable(m_params, tr("Add Parameter"), tr("Remove"), this);
    params->view()->setObjectName(QStringLiteral("paramsView"));
    connect(m_params, &QueryParamModel::paramsEdited, this, &RequestEditor::onParamsEdited);
    auto* headers = new EditableTable(m_headers, tr("Add Header"), tr("Remove"), this);
    headers->view()->setObjectName(QStringLiteral("requestHeadersView"));
    connect(m_headers, &HeaderTableModel::headersEdited, this, &RequestEditor::onEdited);
    connect(m_body, &RequestBodyEditor::edited, this, &RequestEditor::onEdited);
    connect(m_body, &RequestBodyEditor::jsonChosen, this, &RequestEditor::onJsonChosen);
    connect(m_auth, &AuthEditor::edited, this, &RequestEditor::onEdited);
    connect(m_options, &RequestOptionsForm::edited, this, &RequestEditor::onEdited);

    m_tabs->setObjectName(QStringLiteral("requestTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(params, tr("Params"));
    m_tabs->addTab(headers, tr("Headers"));
    m_tabs->addTab(m_body, tr("Body"));
    m_tabs->addTab(m_auth, tr("Auth"));
    m_tabs->addTab(m_options, tr("Options"));
    m_tabs->addTab(m_tests, tr("Tests"));
    connect(m_tests, &TestsEditor::edited, this, &RequestEditor::onEdited);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addLayout(urlRow);
    layout->addWidget(m_tabs, 1);
    m_loading = false;
}

RequestEditor::~RequestEditor() = default;

ComposerRequest RequestEditor::request() const
{
    ComposerRequest r;
    r.method = toStd(m_method->currentText().trimmed().toUpper());
    r.url = toStd(m_url->text().trimmed());
    r.headers = m_headers->headers();
    m_body->store(&r);
    m_auth->store(&r);
    m_options->store(&r);
    r.checks = m_tests->checks();
    return r;
}

void RequestEditor::setRequest(const ComposerRequest& r)
{
    m_loading = true;
    m_method->setCurrentText(toQt(r.method));
    m_url->setText(toQt(r.url));
    m_urlLength = m_url->text().size();
    m_params->setUrl(m_url->text());
    m_headers->setHeaders(r.headers);
    m_body->load(r);
    m_auth->load(r);
    m_options->load(r);
    m_tests->load(r.checks);
    m_loading = false;
    m_baseline = request();
    updateTabTexts();
}

bool RequestEditor::isModified() const
{
    return request() != m_baseline;
}

void RequestEditor::setRunning(bool running, bool streaming)
{
    m_sendButton->setText(streaming ? tr("Stop") : running ? tr("Cancel") : tr("Send"));
    m_sendButton->setIcon(
        QIcon::fromTheme(running ? QStringLiteral("process-stop") : QStringLiteral("mail-send")));
    m_sendButton->setToolTip(streaming ? tr("Stop the stream; what arrived stays (Esc)")
            : running                  ? tr("Stop waiting for the response (Esc)")
                                       : tr("Send the request (Ctrl+Return)"));
}

void RequestEditor::focusUrl(bool selectAll)
{
    m_url->setFocus();
    if (selectAll)
        m_url->selectAll();
    else
        m_url->setCursorPosition(int(m_url->text().size()));
}

void RequestEditor::onUrlEdited(const QString& text)
{
    // Pasting a curl command into the URL field imports it, as in other tools;
    // only a paste (many characters at once), so typing "curl" is left alone.
    const QString trimmed = text.trimmed();
    const bool pasted = text.size() > m_urlLength + 1;
    m_urlLength = text.size();
    if (pasted && trimmed.startsWith(QLatin1String("curl ")) && m_importCurl
        && m_importCurl(trimmed))
        return;
    m_params->setUrl(text);
    onEdited();
}

void RequestEditor::onParamsEdited()
{
    m_url->setText(m_params->applyToUrl(m_url->text()));
    m_urlLength = m_url->text().size();
    onEdited();
}

void RequestEditor::onJsonChosen()
{
    // Choosing JSON adds the Content-Type it implies, visibly, so what is
    // sent is what the headers tab shows.
    std::vector<server::Header> headers = m_headers->headers();
    const bool typed = std::any_of(headers.begin(), headers.end(), [](const server::Header& h) {
        return toQt(h.name).compare(QLatin1String("Content-Type"), Qt::CaseInsensitive) == 0;
    });
    if (typed)
        return;
    headers.push_back({ "Content-Type", "application/json" });
    m_headers->setHeaders(headers);
}

void RequestEditor::onEdited()
{
    if (m_loading)
        return;
    updateTabTexts();
    Q_EMIT changed();
}

void RequestEditor::updateTabTexts()
{
    // What each tab holds, at a glance.
    const int params = m_params->rowCount();
    const int headers = m_headers->rowCount();
    m_tabs->setTabText(ParamsTab, params > 0 ? tr("Params (%1)").arg(params) : tr("Params"));
    m_tabs->setTabText(HeadersTab, headers > 0 ? tr("Headers (%1)").arg(headers) : tr("Headers"));
    const server::RequestChecks checks = m_tests->checks();
    const int tests = int(checks.assertions.size() + checks.captures.size());
    const QString result = m_tests->summary();
    m_tabs->setTabText(TestsTab,
        !result.isEmpty() ? tr("Tests (%1)").arg(result)
            : tests > 0   ? tr("Tests (%1)").arg(tests)
                          : tr("Tests"));
}

void RequestEditor::showCheckOutcome(const server::CheckOutcome* outcome)
{
    m_tests->showOutcome(outcome);
    updateTabTexts();
}

} // namespace tollgate::ui
