#pragma once

#include "ui/routes/routesection.h"

class QCheckBox;
class QDoubleSpinBox;
class QSpinBox;

namespace tollgate::ui {

/// The route editor's Behaviour tab: how the route misbehaves on purpose
/// (latency, injected failures) and the largest request body it reads.
class RouteBehaviourTab final : public RouteSection {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RouteBehaviourTab)

public:
    explicit RouteBehaviourTab(QWidget* parent = nullptr);

private:
    void load() override;

    QSpinBox* m_latencyMin;
    QSpinBox* m_latencyMax;
    QDoubleSpinBox* m_failurePercent;
    QSpinBox* m_failureStatus;
    QCheckBox* m_failureReset;
    QSpinBox* m_bodyLimit;
};

} // namespace tollgate::ui
