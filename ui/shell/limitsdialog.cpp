#include "ui/shell/limitsdialog.h"

#include "ui/document/workspacedocument.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <climits>

namespace tollgate::ui {

namespace {

QSpinBox* spinBox(const char* objectName, int min, int max, std::size_t value,
    const QString& suffix, const QString& toolTip, QWidget* parent)
{
    auto* spin = new QSpinBox(parent);
    spin->setObjectName(QLatin1String(objectName));
    spin->setRange(min, max);
    spin->setValue(static_cast<int>(std::min<std::size_t>(value, static_cast<std::size_t>(max))));
    spin->setSuffix(suffix);
    spin->setToolTip(toolTip);
    spin->setGroupSeparatorShown(true);
    spin->setAccelerated(true);
    return spin;
}

} // namespace

LimitsDialog::LimitsDialog(WorkspaceDocument* document, QWidget* parent)
    : QDialog(parent)
    , m_document(document)
{
    setObjectName(QStringLiteral("limitsDialog"));
    setWindowTitle(tr("Limits"));
    const server::Limits& l = document->workspace().server.limits;
    const QString bytes = tr(" bytes");
    const QString ms = tr(" ms");
    m_requestLine = spinBox("requestLineSpin", 1, INT_MAX, l.requestLineBytes, bytes,
        tr("A longer request line is answered 414"), this);
    m_headerBytes = spinBox("headerBytesSpin", 1, INT_MAX, l.headerBytes, bytes,
        tr("A larger header section is answered 431"), this);
    m_headerFields = spinBox("headerFieldsSpin", 1, INT_MAX, l.headerFields, QString(),
        tr("More header fields are answered 431"), this);
    m_bodyBytes = spinBox("bodyBytesSpin", 0, INT_MAX, l.bodyBytes, bytes,
        tr("A larger body is answered 413 before it is read, unless the route sets its own "
           "limit"),
        this);
    m_headerTimeout
        = spinBox("headerTimeoutSpin", 1, INT_MAX, static_cast<std::size_t>(l.headerTimeoutMs), ms,
            tr("A header (or body) not received in this time is answered 408"), this);
    m_idleTimeout
        = spinBox("idleTimeoutSpin", 1, INT_MAX, static_cast<std::size_t>(l.idleTimeoutMs), ms,
            tr("A keep-alive connection idle this long is closed, as is one whose client takes no "
               "byte of its answer for this long"),
            this);
    m_perAddress = spinBox("connectionsPerAddressSpin", 0, server::kMaxConnectionsPerAddress,
        static_cast<std::size_t>(std::max(l.connectionsPerAddress, 0)), QString(),
        tr("Open connections one client address may hold; one more is answered 503 and "
           "closed"),
        this);
    m_perAddress->setSpecialValueText(tr("Unlimited"));

    auto* note = new QLabel(tr("The app's load runner connects from 127.0.0.1: a limit below a "
                               "run's connections refuses the rest of them."),
        this);
    note->setWordWrap(true);
    note->setForegroundRole(QPalette::PlaceholderText);

    auto* form = new QFormLayout;
    form->addRow(tr("&Request line:"), m_requestLine);
    form->addRow(tr("&Header section:"), m_headerBytes);
    form->addRow(tr("Header &fields:"), m_headerFields);
    form->addRow(tr("&Body:"), m_bodyBytes);
    form->addRow(tr("Header &timeout:"), m_headerTimeout);
    form->addRow(tr("&Idle timeout:"), m_idleTimeout);
    form->addRow(tr("&Connections per address:"), m_perAddress);
    form->addRow(QString(), note);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        apply();
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addStretch(1);
    layout->addWidget(buttons);
}

server::Limits LimitsDialog::limits() const
{
    server::Limits l = m_document->workspace().server.limits;
    l.requestLineBytes = static_cast<std::size_t>(m_requestLine->value());
    l.headerBytes = static_cast<std::size_t>(m_headerBytes->value());
    l.headerFields = static_cast<std::size_t>(m_headerFields->value());
    l.bodyBytes = static_cast<std::size_t>(m_bodyBytes->value());
    l.headerTimeoutMs = m_headerTimeout->value();
    l.idleTimeoutMs = m_idleTimeout->value();
    l.connectionsPerAddress = m_perAddress->value();
    return l;
}

void LimitsDialog::apply()
{
    server::ServerSettings next = m_document->workspace().server;
    next.limits = limits();
    if (next != m_document->workspace().server)
        m_document->setServerSettings(next, tr("Change limits"));
}

} // namespace tollgate::ui
