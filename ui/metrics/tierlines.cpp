#include "ui/metrics/tierlines.h"

#include "server/metering/metricsview.h"
#include "ui/charts/timechart.h"
#include "ui/common/convert.h"
#include "ui/common/metricsformat.h"
#include "ui/document/workspacedocument.h"

#include <QLineSeries>
#include <QPen>

#include <algorithm>
#include <array>

namespace tollgate::ui {

namespace {

const QColor kNoTierColor(0xb0, 0x8f, 0x6a);
const std::array<QColor, 6> kTierColors { QColor(0x8e, 0x44, 0xad), QColor(0x29, 0x80, 0xb9),
    QColor(0x16, 0xa0, 0x85), QColor(0xe6, 0x7e, 0x22), QColor(0xe9, 0x1e, 0x63),
    QColor(0x7f, 0x8c, 0x8d) };

} // namespace

TierLines::TierLines(TimeChart* chart, const WorkspaceDocument* document)
    : m_document(document)
{
    for (int i = 0; i < kMaxLines; ++i) {
        QLineSeries* line = chart->addLine(QString(), kNoTierColor);
        line->setVisible(false);
        m_lines << line;
    }
}

void TierLines::keepOnly(const QSet<QString>& tiers)
{
    for (auto it = m_lineOfTier.begin(); it != m_lineOfTier.end();) {
        if (tiers.contains(it.key())) {
            ++it;
            continue;
        }
        it.value()->setVisible(false);
        it.value()->clear();
        it = m_lineOfTier.erase(it);
    }
}

QLineSeries* TierLines::line(const std::string& tier)
{
    const QString id = toQt(tier);
    if (QLineSeries* taken = m_lineOfTier.value(id))
        return taken;
    const auto free = std::find_if(
        m_lines.begin(), m_lines.end(), [](const QLineSeries* l) { return !l->isVisible(); });
    if (free == m_lines.end())
        return nullptr;
    QLineSeries* line = *free;
    QString name = MetricsFormat::dimension(tier, tr("no key"));
    QColor color = kNoTierColor;
    const std::vector<server::Tier>& tiers = m_document->tiers();
    const auto it = std::find_if(
        tiers.begin(), tiers.end(), [&](const server::Tier& t) { return t.id == tier; });
    if (it != tiers.end()) {
        if (!it->name.empty())
            name = toQt(it->name);
        color = kTierColors[std::size_t(it - tiers.begin()) % kTierColors.size()];
    } else if (!tier.empty() && tier != server::kNoneDimension) {
        color = kTierColors[qHash(id) % kTierColors.size()];
    }
    line->setName(name);
    QPen pen = line->pen();
    pen.setColor(color);
    line->setPen(pen);
    line->setVisible(true);
    m_lineOfTier.insert(id, line);
    return line;
}

} // namespace tollgate::ui
