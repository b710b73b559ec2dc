#include "ui/requests/requestbodyeditor.h"

#include "server/common/text.h"
#include "ui/common/convert.h"
#include "ui/document/workspacedocument.h"
#include "ui/widgets/bodyeditor.h"
#include "ui/widgets/editabletable.h"
#include "ui/widgets/headertablemodel.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableView>
#include <QUrl>
#include <QVBoxLayout>

namespace tollgate::ui {

using server::ComposerRequest;

namespace {

// The body kinds offered; JSON and Text are both a raw body.
enum BodyChoice { BodyNone, BodyJson, BodyText, BodyForm, BodyMultipart, BodyFile };
// The pages of the stack.
enum BodyPage { NonePage, TextPage, FormPage, FilePage };

// Form rows <-> application/x-www-form-urlencoded text; decoding is the
// server's own query parser ('+' is a space).
std::string encodeForm(const std::vector<server::Header>& rows)
{
    QByteArray text;
    for (const server::Header& r : rows) {
        if (r.name.empty())
            continue;
        if (!text.isEmpty())
            text += '&';
        text += QUrl::toPercentEncoding(QString::fromStdString(r.name)) + '='
            + QUrl::toPercentEncoding(QString::fromStdString(r.value));
    }
    return text.toStdString();
}

std::vector<server::Header> decodeForm(const std::string& body)
{
    std::vector<server::Header> rows;
    for (auto& [name, value] : server::parseQuery(body))
        rows.push_back({ std::move(name), std::move(value) });
    return rows;
}

// A raw body is JSON when its Content-Type says so or, without one, when it
// looks like JSON.
bool looksLikeJson(const ComposerRequest& r)
{
    QString type;
    for (const server::Header& h : r.headers) {
        if (toQt(h.name).compare(QLatin1String("Content-Type"), Qt::CaseInsensitive) == 0) {
            type = toQt(h.value);
            break;
        }
    }
    const QString trimmed = toQt(r.body).trimmed();
    return type.contains(QLatin1String("json"), Qt::CaseInsensitive)
        || (type.isEmpty()
            && (trimmed.startsWith(QLatin1Char('{')) || trimmed.startsWith(QLatin1Char('['))));
}

} // namespace

RequestBodyEditor::RequestBodyEditor(const WorkspaceDocument* document, QWidget* parent)
    : QWidget(parent)
    , m_document(document)
    , m_kind(new QComboBox(this))
    , m_stack(new QStackedWidget(this))
    , m_formFields(new HeaderTableModel(this))
{
    m_kind->setObjectName(QStringLiteral("bodyKindCombo"));
    m_kind->addItem(tr("No body"), BodyNone);
    m_kind->addItem(tr("JSON"), BodyJson);
    m_kind->addItem(tr("Text"), BodyText);
    m_kind->addItem(tr("Form (URL-encoded)"), BodyForm);
    m_kind->addItem(tr("Multipart form"), BodyMultipart);
    m_kind->addItem(tr("File"), BodyFile);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &RequestBodyEditor::onKindChanged);

    auto* none = new QLabel(tr("This request has no body."), m_stack);
    none->setAlignment(Qt::AlignCenter);
    none->setEnabled(false);
    m_stack->addWidget(none);

    m_text = new BodyEditor(m_stack);
    m_text->setObjectName(QStringLiteral("requestBody"));
    m_text->setPlaceholderText(tr("Request body; {{variables}} are replaced when sending"));
    connect(m_text, &QPlainTextEdit::textChanged, this, &RequestBodyEditor::edited);
    m_stack->addWidget(m_text);

    auto* form = new EditableTable(m_formFields, tr("Add Field"), tr("Remove"), m_stack);
    form->view()->setObjectName(QStringLiteral("formFieldsView"));
    form->view()->setToolTip(tr("In a multipart form, a value starting with @ sends that file"));
    connect(m_formFields, &HeaderTableModel::headersEdited, this, &RequestBodyEditor::edited);
    m_stack->addWidget(form);

    auto* filePage = new QWidget(m_stack);
    m_file = new QLineEdit(filePage);
    m_file->setObjectName(QStringLiteral("bodyFileEdit"));
    m_file->setPlaceholderText(tr("File to send as the body (streamed, not loaded)"));
    connect(m_file, &QLineEdit::textEdited, this, &RequestBodyEditor::edited);
    auto* browse = new QPushButton(tr("Browse…"), filePage);
    connect(browse, &QPushButton::clicked, this, &RequestBodyEditor::browse);
    auto* fileRow = new QHBoxLayout;
    fileRow->addWidget(m_file, 1);
    fileRow->addWidget(browse);
    auto* fileLayout = new QVBoxLayout(filePage);
    fileLayout->addLayout(fileRow);
    fileLayout->addStretch(1);
    m_stack->addWidget(filePage);

    auto* top = new QHBoxLayout;
    top->addWidget(m_kind);
    top->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_stack, 1);
}

RequestBodyEditor::~RequestBodyEditor() = default;

void RequestBodyEditor::load(const ComposerRequest& r)
{
    m_loading = true;
    int body = BodyNone;
    m_text->clear();
    m_formFields->setHeaders({});
    m_file->clear();
    switch (r.bodyKind) {
    case ComposerRequest::BodyKind::None:
        break;
    case ComposerRequest::BodyKind::Raw:
        body = looksLikeJson(r) ? BodyJson : BodyText;
        m_text->setPlainText(toQt(r.body));
        break;
    case ComposerRequest::BodyKind::Form:
        body = BodyForm;
        m_formFields->setHeaders(decodeForm(r.body));
        break;
    case ComposerRequest::BodyKind::Multipart: {
        body = BodyMultipart;
        std::vector<server::Header> rows;
        for (const auto& [name, value] : r.formFields)
            rows.push_back({ name, value });
        m_formFields->setHeaders(rows);
        break;
    }
    case ComposerRequest::BodyKind::File:
        body = BodyFile;
        m_file->setText(QDir::toNativeSeparators(toQt(r.bodyFile)));
        break;
    }
    m_kind->setCurrentIndex(m_kind->findData(body));
    onKindChanged();
    m_loading = false;
}

void RequestBodyEditor::store(ComposerRequest* r) const
{
    switch (m_kind->currentData().toInt()) {
    case BodyJson:
    case BodyText:
        r->bodyKind = ComposerRequest::BodyKind::Raw;
        r->body = toStd(m_text->toPlainText());
        break;
    case BodyForm:
        r->bodyKind = ComposerRequest::BodyKind::Form;
        r->body = encodeForm(m_formFields->headers());
        break;
    case BodyMultipart:
        r->bodyKind = ComposerRequest::BodyKind::Multipart;
        for (const server::Header& f : m_formFields->headers()) {
            if (!f.name.empty())
                r->formFields.emplace_back(f.name, f.value);
        }
        break;
    case BodyFile:
        r->bodyKind = ComposerRequest::BodyKind::File;
        r->bodyFile = toStd(QDir::fromNativeSeparators(m_file->text().trimmed()));
        break;
    default:
        break;
    }
}

void RequestBodyEditor::onKindChanged()
{
    const int kind = m_kind->currentData().toInt();
    switch (kind) {
    case BodyNone:
        m_stack->setCurrentIndex(NonePage);
        break;
    case BodyJson:
    case BodyText:
        m_stack->setCurrentIndex(TextPage);
        m_text->setContentType(
            kind == BodyJson ? QStringLiteral("application/json") : QStringLiteral("text/plain"));
        break;
    case BodyForm:
    case BodyMultipart:
        m_stack->setCurrentIndex(FormPage);
        break;
    case BodyFile:
        m_stack->setCurrentIndex(FilePage);
        break;
    }
    if (!m_loading && kind == BodyJson)
        Q_EMIT jsonChosen();
    Q_EMIT edited();
}

void RequestBodyEditor::browse()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Body File"), m_document->isOpen() ? m_document->directory() : QString());
    if (!path.isEmpty()) {
        m_file->setText(QDir::toNativeSeparators(path));
        Q_EMIT edited();
    }
}

} // namespace tollgate::ui
