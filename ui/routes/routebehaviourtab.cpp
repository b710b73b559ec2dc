#include "ui/routes/routebehaviourtab.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>

namespace tollgate::ui {

namespace {

constexpr int kMaxLatencyMs = 60'000;
constexpr int kMaxBodyLimitKiB = 1024 * 1024; // 1 GiB

} // namespace

RouteBehaviourTab::RouteBehaviourTab(QWidget* parent)
    : RouteSection(parent)
    , m_latencyMin(new QSpinBox(this))
    , m_latencyMax(new QSpinBox(this))
    , m_failurePercent(new QDoubleSpinBox(this))
    , m_failureStatus(new QSpinBox(this))
    , m_failureReset(new QCheckBox(tr("Reset the connection instead of answering"), this))
    , m_bodyLimit(new QSpinBox(this))
{
    m_latencyMin->setObjectName(QStringLiteral("latencyMinSpin"));
    m_latencyMax->setObjectName(QStringLiteral("latencyMaxSpin"));
    for (QSpinBox* spin : { m_latencyMin, m_latencyMax }) {
        spin->setRange(0, kMaxLatencyMs);
        spin->setSingleStep(10);
        spin->setSuffix(tr(" ms"));
        spin->setAccelerated(true);
    }
    m_latencyMax->setSpecialValueText(tr("same as minimum"));
    connect(m_latencyMin, &QSpinBox::valueChanged, this, [this](int value) {
        server::Route r = route();
        r.latency.minMs = value;
        commit(r, QStringLiteral("latencyMin"), tr("Change latency"));
    });
    connect(m_latencyMax, &QSpinBox::valueChanged, this, [this](int value) {
        server::Route r = route();
        r.latency.maxMs = value;
        commit(r, QStringLiteral("latencyMax"), tr("Change latency"));
    });

    m_failurePercent->setObjectName(QStringLiteral("failurePercentSpin"));
    m_failurePercent->setRange(0.0, 100.0);
    m_failurePercent->setDecimals(1);
    m_failurePercent->setSingleStep(1.0);
    m_failurePercent->setSuffix(tr(" %"));
    connect(m_failurePercent, &QDoubleSpinBox::valueChanged, this, [this](double value) {
        server::Route r = route();
        r.failure.percent = value;
        commit(r, QStringLiteral("failurePercent"), tr("Change failure rate"));
    });

    m_failureStatus->setObjectName(QStringLiteral("failureStatusSpin"));
    m_failureStatus->setRange(500, 599);
    connect(m_failureStatus, &QSpinBox::valueChanged, this, [this](int value) {
        server::Route r = route();
        r.failure.status = value;
        commit(r, QStringLiteral("failureStatus"), tr("Change failure status"));
    });

    m_failureReset->setObjectName(QStringLiteral("failureResetCheck"));
    connect(m_failureReset, &QCheckBox::toggled, this, [this](bool on) {
        server::Route r = route();
        r.failure.reset = on;
        m_failureStatus->setEnabled(!on);
        commit(r, {}, tr("Change failure mode"));
    });

    m_bodyLimit->setObjectName(QStringLiteral("bodyLimitSpin"));
    m_bodyLimit->setRange(1, kMaxBodyLimitKiB);
    m_bodyLimit->setSuffix(tr(" KiB"));
    m_bodyLimit->setAccelerated(true);
    m_bodyLimit->setToolTip(tr("Requests with a larger body are answered 413 before it is read"));
    connect(m_bodyLimit, &QSpinBox::valueChanged, this, [this](int kib) {
        server::Route r = route();
        r.bodyLimit = std::size_t(kib) * 1024;
        commit(r, QStringLiteral("bodyLimit"), tr("Change body limit"));
    });

    auto* latencyBox = new QGroupBox(tr("Latency"), this);
    auto* latencyForm = new QFormLayout(latencyBox);
    latencyForm->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    latencyForm->addRow(tr("M&inimum:"), m_latencyMin);
    latencyForm->addRow(tr("M&aximum:"), m_latencyMax);
    auto* latencyNote = new QLabel(
        tr("Each response waits a uniformly random time between minimum and maximum."), latencyBox);
    latencyNote->setWordWrap(true);
    latencyNote->setForegroundRole(QPalette::PlaceholderText);
    latencyForm->addRow(latencyNote);

    auto* failureBox = new QGroupBox(tr("Failure injection"), this);
    auto* failureForm = new QFormLayout(failureBox);
    failureForm->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    failureForm->addRow(tr("&Fail requests:"), m_failurePercent);
    failureForm->addRow(tr("Failure s&tatus:"), m_failureStatus);
    failureForm->addRow(QString(), m_failureReset);

    auto* limitsBox = new QGroupBox(tr("Limits"), this);
    auto* limitsForm = new QFormLayout(limitsBox);
    limitsForm->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    limitsForm->addRow(tr("Request &body limit:"), m_bodyLimit);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 10, 0, 0);
    layout->setSpacing(10);
    layout->addWidget(latencyBox);
    layout->addWidget(failureBox);
    layout->addWidget(limitsBox);
    layout->addStretch(1);
}

void RouteBehaviourTab::load()
{
    const server::Route& r = route();
    setQuietly(m_latencyMin, &QSpinBox::setValue, r.latency.minMs);
    setQuietly(m_latencyMax, &QSpinBox::setValue, r.latency.maxMs);
    setQuietly(m_failurePercent, &QDoubleSpinBox::setValue, r.failure.percent);
    setQuietly(m_failureStatus, &QSpinBox::setValue, r.failure.status);
    setQuietly(m_failureReset, &QCheckBox::setChecked, r.failure.reset);
    m_failureStatus->setEnabled(!r.failure.reset);
    setQuietly(m_bodyLimit, &QSpinBox::setValue,
        int(std::clamp<std::size_t>((r.bodyLimit + 1023) / 1024, 1, kMaxBodyLimitKiB)));
}

} // namespace tollgate::ui
