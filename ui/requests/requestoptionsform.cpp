#include "ui/requests/requestoptionsform.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QSpinBox>

namespace tollgate::ui {

RequestOptionsForm::RequestOptionsForm(QWidget* parent)
    : QWidget(parent)
    , m_followRedirects(new QCheckBox(tr("Follow redirects"), this))
    , m_httpVersion(new QComboBox(this))
    , m_connectTimeout(new QSpinBox(this))
    , m_totalTimeout(new QSpinBox(this))
    , m_compressed(new QCheckBox(tr("Ask for a compressed response (gzip, deflate)"), this))
    , m_verifyTls(new QCheckBox(tr("Verify TLS certificates"), this))
{
    m_followRedirects->setObjectName(QStringLiteral("followRedirectsCheck"));
    m_httpVersion->setObjectName(QStringLiteral("httpVersionCombo"));
    m_httpVersion->addItem(tr("HTTP/1.1"));
    m_httpVersion->addItem(tr("HTTP/2 when the server offers it"));
    m_connectTimeout->setObjectName(QStringLiteral("connectTimeoutSpin"));
    m_connectTimeout->setRange(0, 3600);
    m_connectTimeout->setSuffix(tr(" s"));
    m_connectTimeout->setSpecialValueText(tr("No limit"));
    m_connectTimeout->setToolTip(tr("Time to connect and send the request"));
    m_totalTimeout->setObjectName(QStringLiteral("totalTimeoutSpin"));
    m_totalTimeout->setRange(0, 24 * 3600);
    m_totalTimeout->setSuffix(tr(" s"));
    m_totalTimeout->setSpecialValueText(tr("No limit"));
    m_totalTimeout->setToolTip(tr("Time for the whole exchange, body included; for an event "
                                  "stream, the longest silence once it has begun"));
    m_compressed->setObjectName(QStringLiteral("compressedCheck"));
    m_verifyTls->setObjectName(QStringLiteral("verifyTlsCheck"));
    m_verifyTls->setChecked(true);
    for (QCheckBox* c : { m_followRedirects, m_compressed, m_verifyTls })
        connect(c, &QCheckBox::toggled, this, &RequestOptionsForm::edited);
    for (QSpinBox* s : { m_connectTimeout, m_totalTimeout })
        connect(s, &QSpinBox::valueChanged, this, &RequestOptionsForm::edited);
    connect(m_httpVersion, &QComboBox::currentIndexChanged, this, &RequestOptionsForm::edited);

    auto* form = new QFormLayout(this);
    form->setContentsMargins(4, 8, 4, 4);
    form->addRow(QString(), m_followRedirects);
    form->addRow(tr("Protocol:"), m_httpVersion);
    form->addRow(tr("Connect timeout:"), m_connectTimeout);
    form->addRow(tr("Total timeout:"), m_totalTimeout);
    form->addRow(QString(), m_compressed);
    form->addRow(QString(), m_verifyTls);
}

RequestOptionsForm::~RequestOptionsForm() = default;

void RequestOptionsForm::load(const server::ComposerRequest& r)
{
    m_followRedirects->setChecked(r.followRedirects);
    m_httpVersion->setCurrentIndex(r.http2 ? 1 : 0);
    m_connectTimeout->setValue(r.connectTimeoutMs / 1000);
    m_totalTimeout->setValue(r.totalTimeoutMs / 1000);
    m_compressed->setChecked(r.compressed);
    m_verifyTls->setChecked(!r.insecure);
}

void RequestOptionsForm::store(server::ComposerRequest* r) const
{
    r->followRedirects = m_followRedirects->isChecked();
    r->http2 = m_httpVersion->currentIndex() == 1;
    r->connectTimeoutMs = m_connectTimeout->value() * 1000;
    r->totalTimeoutMs = m_totalTimeout->value() * 1000;
    r->compressed = m_compressed->isChecked();
    r->insecure = !m_verifyTls->isChecked();
}

} // namespace tollgate::ui
