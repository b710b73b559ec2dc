#pragma once

// The series colours the chart pages share, so a measure looks the same on
// the Metrics and the Load page.

#include <QColor>

namespace tollgate::ui::chartcolors {

inline const QColor kRate(0x3d, 0xae, 0xe9);
inline const QColor kP50(0x27, 0xae, 0x60);
/// The middle percentile line (p95 on Metrics, p90 on Load).
inline const QColor kPMiddle(0xf3, 0x9c, 0x12);
inline const QColor kP99(0xda, 0x44, 0x53);
inline const QColor k2xx(0x27, 0xae, 0x60);
inline const QColor k4xx(0xf6, 0x74, 0x00);
inline const QColor k5xx(0xda, 0x44, 0x53);
/// Totals and context: all tiers, the warm-up.
inline const QColor kNeutral(0x95, 0xa5, 0xa6);

} // namespace tollgate::ui::chartcolors
