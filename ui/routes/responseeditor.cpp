#include "ui/routes/responseeditor.h"

#include "server/common/files.h"
#include "server/routing/jsonschema.h"
#include "ui/common/appearance.h"
#include "ui/common/convert.h"
#include "ui/common/httpstatus.h"
#include "ui/common/widgetfactory.h"
#include "ui/requests/prettybody.h"
#include "ui/widgets/bodyeditor.h"
#include "ui/widgets/headertablemodel.h"

#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPalette>
#include <QScopedValueRollback>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace tollgate::ui {

namespace {

// A preview of a body file larger than this would make the editor sluggish
// and tells the user nothing more.
constexpr qint64 kPreviewLimit = 1024 * 1024;

} // namespace

ResponseEditor::ResponseEditor(QWidget* parent)
    : QWidget(parent)
    , m_status(new QSpinBox(this))
    , m_reason(new QLabel(this))
    , m_label(new QLineEdit(this))
    , m_bodyFile(new QLineEdit(this))
    , m_browse(new QToolButton(this))
    , m_headers(new HeaderTableModel(this))
    , m_headersView(new QTableView(this))
    , m_removeHeader(nullptr)
    , m_body(new BodyEditor(this))
    , m_bodyNote(new QLabel(this))
    , m_bodyProblem(errorLabel(QStringLiteral("bodyProblemLabel"), this))
    , m_schema(new QLabel(this))
{
    m_status->setObjectName(QStringLiteral("statusSpin"));
    m_status->setRange(100, 599);
    m_status->setAccelerated(true);
    m_status->setToolTip(tr("HTTP status code of this response"));
    m_status->setFont(monospaceFont());
    m_status->setMinimumWidth(
        m_status->fontMetrics().horizontalAdvance(QStringLiteral("5999")) + 40);
    m_reason->setObjectName(QStringLiteral("reasonLabel"));
    m_reason->setMinimumWidth(m_reason->fontMetrics().horizontalAdvance(
        QStringLiteral("Request Header Fields Too Large")));
    connect(m_status, &QSpinBox::valueChanged, this, [this](int value) {
        if (m_loading)
            return;
        m_response.status = value;
        updateReason();
        emitEdited(QStringLiteral("status"), tr("Change status"));
    });

    m_label->setObjectName(QStringLiteral("responseLabelEdit"));
    m_label->setPlaceholderText(tr("e.g. Success, Not found, Rate limited"));
    connect(m_label, &QLineEdit::textEdited, this, [this](const QString& text) {
        m_response.label = toStd(text);
        emitEdited(QStringLiteral("label"), tr("Rename response"));
    });

    m_bodyFile->setObjectName(QStringLiteral("bodyFileEdit"));
    m_bodyFile->setPlaceholderText(tr("Inline body (or a file path relative to the workspace)"));
    m_bodyFile->setClearButtonEnabled(true);
    m_bodyFile->setFont(monospaceFont());
    connect(m_bodyFile, &QLineEdit::textChanged, this, [this](const QString& text) {
        if (m_loading || toQt(m_response.bodyFile) == text.trimmed())
            return;
        m_response.bodyFile = toStd(text.trimmed());
        updateBodySource();
        emitEdited(QStringLiteral("bodyFile"), tr("Change body file"));
    });
    m_browse->setText(tr("Browse…"));
    m_browse->setToolTip(tr("Serve the body from a file in the workspace"));
    connect(m_browse, &QToolButton::clicked, this, &ResponseEditor::browseBodyFile);

    // Headers
    m_headersView->setObjectName(QStringLiteral("headersView"));
    m_headersView->setModel(m_headers);
    m_headersView->setFont(monospaceFont());
    m_headersView->setAlternatingRowColors(true);
    m_headersView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_headersView->setEditTriggers(QAbstractItemView::AllEditTriggers);
    m_headersView->verticalHeader()->hide();
    m_headersView->verticalHeader()->setDefaultSectionSize(
        m_headersView->fontMetrics().height() + 8);
    m_headersView->horizontalHeader()->setFont(font());
    m_headersView->horizontalHeader()->setStretchLastSection(true);
    m_headersView->horizontalHeader()->resizeSection(HeaderTableModel::NameColumn, 220);
    connect(m_headers, &HeaderTableModel::headersEdited, this, [this] {
        if (m_loading)
            return;
        m_response.headers = m_headers->headers();
        m_body->setContentType(contentType());
        emitEdited(QStringLiteral("headers"), tr("Edit headers"));
    });

    auto* addHeader = iconButton(QStringLiteral("list-add"), tr("Add"), tr("Add a header"), this);
    addHeader->setObjectName(QStringLiteral("addHeaderButton"));
    m_removeHeader = iconButton(
        QStringLiteral("list-remove"), tr("Remove"), tr("Remove the selected headers"), this);
    m_removeHeader->setObjectName(QStringLiteral("removeHeaderButton"));
    connect(addHeader, &QToolButton::clicked, this, [this] {
        const int row = m_headers->rowCount();
        m_headers->insertRows(row, 1);
        const QModelIndex index = m_headers->index(row, HeaderTableModel::NameColumn);
        m_headersView->setCurrentIndex(index);
        m_headersView->edit(index);
    });
    connect(m_removeHeader, &QToolButton::clicked, this, [this] {
        QModelIndexList rows = m_headersView->selectionModel()->selectedRows();
        if (rows.isEmpty() && m_headersView->currentIndex().isValid())
            rows << m_headersView->currentIndex();
        std::sort(rows.begin(), rows.end(),
            [](const QModelIndex& a, const QModelIndex& b) { return a.row() > b.row(); });
        for (const QModelIndex& index : rows)
            m_headers->removeRows(index.row(), 1);
    });
    auto updateRemove
        = [this] { m_removeHeader->setEnabled(m_headersView->currentIndex().isValid()); };
    connect(
        m_headersView->selectionModel(), &QItemSelectionModel::currentChanged, this, updateRemove);
    connect(m_headers, &QAbstractItemModel::modelReset, this, updateRemove);
    connect(m_headers, &QAbstractItemModel::rowsRemoved, this, updateRemove);
    updateRemove();

    // Body
    m_body->setObjectName(QStringLiteral("bodyEditor"));
    connect(m_body, &QPlainTextEdit::textChanged, this, [this] {
        if (m_loading || m_body->isReadOnly())
            return;
        const std::string text = toStd(m_body->toPlainText());
        if (text == m_response.body)
            return;
        m_response.body = text;
        emitEdited(QStringLiteral("body"), tr("Edit body"));
    });
    m_bodyNote->setObjectName(QStringLiteral("bodyNoteLabel"));
    m_bodyNote->setWordWrap(true);
    m_bodyNote->setForegroundRole(QPalette::PlaceholderText);
    m_bodyNote->hide();
    m_bodyProblem->setWordWrap(true);
    m_bodyProblem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    connect(m_body, &BodyEditor::problemChanged, this, [this](const QString& message) {
        m_bodyProblem->setText(message);
        m_bodyProblem->setVisible(!message.isEmpty());
    });

    // Layout: a compact form on top, then headers over body in a splitter so
    // the body gets the room.
    auto* statusRow = new QHBoxLayout;
    statusRow->setSpacing(8);
    statusRow->addWidget(m_status);
    statusRow->addWidget(m_reason);
    statusRow->addSpacing(16);
    auto* labelCaption = new QLabel(tr("&Label:"), this);
    labelCaption->setBuddy(m_label);
    statusRow->addWidget(labelCaption);
    statusRow->addWidget(m_label, 1);

    auto* fileRow = new QHBoxLayout;
    fileRow->setSpacing(4);
    fileRow->addWidget(m_bodyFile, 1);
    fileRow->addWidget(m_browse);

    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    form->setHorizontalSpacing(10);
    auto* statusCaption = new QLabel(tr("&Status:"), this);
    statusCaption->setBuddy(m_status);
    form->addRow(statusCaption, statusRow);
    auto* fileCaption = new QLabel(tr("Body &file:"), this);
    fileCaption->setBuddy(m_bodyFile);
    form->addRow(fileCaption, fileRow);

    m_schema->setObjectName(QStringLiteral("schemaSummary"));
    m_schema->setToolTip(tr("Saved requests' schema checks without a schema of their own check "
                            "this route's answers against it"));
    auto* editSchema = new QToolButton(this);
    editSchema->setObjectName(QStringLiteral("editSchemaButton"));
    editSchema->setText(tr("Edit Sc&hema…"));
    connect(editSchema, &QToolButton::clicked, this, &ResponseEditor::editSchema);
    auto* schemaRow = new QHBoxLayout;
    schemaRow->setSpacing(8);
    schemaRow->addWidget(m_schema, 1);
    schemaRow->addWidget(editSchema);
    form->addRow(tr("Schema:"), schemaRow);

    auto* headersPane = new QWidget(this);
    auto* headersLayout = new QVBoxLayout(headersPane);
    headersLayout->setContentsMargins(0, 0, 0, 0);
    headersLayout->setSpacing(2);
    auto* headersBar = new QHBoxLayout;
    headersBar->addWidget(titleLabel(tr("Headers"), headersPane));
    headersBar->addStretch(1);
    headersBar->addWidget(addHeader);
    headersBar->addWidget(m_removeHeader);
    headersLayout->addLayout(headersBar);
    headersLayout->addWidget(m_headersView);

    auto* bodyPane = new QWidget(this);
    auto* bodyLayout = new QVBoxLayout(bodyPane);
    bodyLayout->setContentsMargins(0, 0, 0, 0);
    bodyLayout->setSpacing(2);
    bodyLayout->addWidget(titleLabel(tr("Body"), bodyPane));
    bodyLayout->addWidget(m_bodyNote);
    bodyLayout->addWidget(m_body, 1);
    bodyLayout->addWidget(m_bodyProblem);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("responseSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(headersPane);
    splitter->addWidget(bodyPane);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({ 110, 440 });

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 6, 0, 0);
    layout->setSpacing(8);
    layout->addLayout(form);
    layout->addWidget(splitter, 1);

    updateReason();
}

void ResponseEditor::setResponse(const server::Response& response, const QString& workspaceDir)
{
    const QScopedValueRollback loading(m_loading, true);
    const bool dirChanged = workspaceDir != m_workspaceDir;
    m_workspaceDir = workspaceDir;
    const server::Response old = m_response;
    m_response = response;

    if (m_status->value() != response.status) {
        const QSignalBlocker blocker(m_status);
        m_status->setValue(response.status);
    }
    updateReason();
    if (m_label->text() != toQt(response.label)) {
        const QSignalBlocker blocker(m_label);
        m_label->setText(toQt(response.label));
    }
    if (m_bodyFile->text().trimmed() != toQt(response.bodyFile)) {
        const QSignalBlocker blocker(m_bodyFile);
        m_bodyFile->setText(toQt(response.bodyFile));
    }
    m_headers->setHeaders(response.headers);
    // Text first, then the content type: the type may switch the highlighter,
    // which re-colours whatever text is there.
    if (dirChanged || old.bodyFile != response.bodyFile || old.body != response.body
        || m_body->isReadOnly() != !response.bodyFile.empty())
        updateBodySource();
    m_body->setContentType(contentType());
    updateSchema();
}

void ResponseEditor::updateSchema()
{
    if (m_response.schema.empty()) {
        m_schema->setText(tr("none"));
        m_schema->setForegroundRole(QPalette::PlaceholderText);
        return;
    }
    m_schema->setForegroundRole(QPalette::WindowText);
    // A summary: the type and the first members a body must have.
    const QJsonObject o
        = QJsonDocument::fromJson(QByteArray::fromStdString(m_response.schema)).object();
    QStringList parts;
    if (const QString type = o.value(QStringLiteral("type")).toString(); !type.isEmpty())
        parts << type;
    const QStringList required = o.value(QStringLiteral("required")).toVariant().toStringList();
    if (!required.isEmpty())
        parts << tr("requires %1")
                     .arg(required.mid(0, 4).join(QStringLiteral(", "))
                         + (required.size() > 4 ? QStringLiteral(", …") : QString()));
    m_schema->setText(
        tr("JSON Schema (%1 characters)%2")
            .arg(m_response.schema.size())
            .arg(parts.isEmpty() ? QString()
                                 : QStringLiteral(": ") + parts.join(QStringLiteral(", "))));
}

void ResponseEditor::editSchema()
{
    QString text = prettyJson(QByteArray::fromStdString(m_response.schema));
    for (;;) {
        bool ok = false;
        text = QInputDialog::getMultiLineText(this, tr("Answer Schema"),
            tr("The JSON Schema of this answer's body (empty for none):"), text, &ok);
        if (!ok)
            return;
        const std::string schema = toStd(text.trimmed());
        std::string error;
        server::JsonSchemaValidator validator;
        if (!schema.empty() && !server::JsonSchemaValidator::compile(schema, &validator, &error)) {
            QMessageBox::warning(
                this, tr("Answer Schema"), tr("This is not a JSON Schema: %1").arg(toQt(error)));
            continue; // the text stays for fixing
        }
        // Stored compact and in the written order, as the route file keeps it.
        m_response.schema
            = schema.empty() ? std::string() : boost::json::serialize(boost::json::parse(schema));
        updateSchema();
        emitEdited(QStringLiteral("schema"), tr("Edit schema"));
        return;
    }
}

void ResponseEditor::emitEdited(const QString& field, const QString& text)
{
    Q_EMIT edited(m_response, field, text);
}

void ResponseEditor::updateReason()
{
    const QString reason = reasonPhrase(m_response.status);
    m_reason->setText(reason.isEmpty() ? tr("(non-standard)") : reason);
    QPalette p = m_reason->palette();
    p.setColor(QPalette::WindowText, statusColor(m_response.status, palette()));
    m_reason->setPalette(p);
}

QString ResponseEditor::contentType() const
{
    for (const server::Header& h : m_response.headers) {
        if (QString::compare(toQt(h.name), QLatin1String("Content-Type"), Qt::CaseInsensitive) == 0)
            return toQt(h.value);
    }
    return {};
}

void ResponseEditor::updateBodySource()
{
    // With a body file the engine serves the file: show its content read-only
    // so the user sees what will be sent, and keep the inline text untouched.
    const bool fromFile = !m_response.bodyFile.empty();
    QString text;
    if (fromFile) {
        const QString name = toQt(m_response.bodyFile);
        const QString path = QDir(m_workspaceDir).absoluteFilePath(name);
        QFile file(path);
        // As the engine does: never a file outside the workspace (a link in
        // a cloned repository must not show ~/.ssh/id_rsa here either).
        const QString outside
            = toQt(server::outsideProblem(pathFromQt(m_workspaceDir), pathFromQt(name)));
        if (!outside.isEmpty()) {
            m_bodyNote->setText(tr("The body is served from %1, which cannot be read: %2")
                                    .arg(name, name + QLatin1Char(' ') + outside));
        } else if (!file.open(QIODevice::ReadOnly)) {
            m_bodyNote->setText(tr("The body is served from %1, which cannot be read: %2")
                                    .arg(name, file.errorString()));
        } else {
            text = QString::fromUtf8(file.read(kPreviewLimit));
            m_bodyNote->setText(file.size() > kPreviewLimit
                    ? tr("Served from %1 (read-only preview of the first MiB).").arg(name)
                    : tr("Served from %1 (read-only preview).").arg(name));
        }
    } else {
        text = toQt(m_response.body);
    }
    m_bodyNote->setVisible(fromFile);
    m_body->setReadOnly(fromFile);
    if (m_body->toPlainText() != text) {
        const QSignalBlocker blocker(m_body);
        QTextCursor cursor = m_body->textCursor();
        const int position = cursor.position();
        m_body->setPlainText(text);
        // Keep the caret near where it was (undo of a typo should not jump
        // to the top).
        cursor = m_body->textCursor();
        cursor.setPosition(std::min(position, int(text.size())));
        m_body->setTextCursor(cursor);
    }
    // The signal blocker also kept the editor's own debounce from running.
    m_body->validateNow();
}

void ResponseEditor::browseBodyFile()
{
    const QString file = QFileDialog::getOpenFileName(this, tr("Body File"), m_workspaceDir);
    if (file.isEmpty())
        return;
    m_bodyFile->setText(QDir(m_workspaceDir).relativeFilePath(file));
}

} // namespace tollgate::ui
