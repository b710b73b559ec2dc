#include "ui/load/loadcomparisonmodel.h"

#include "ui/common/appearance.h"
#include "ui/common/metricsformat.h"
#include "ui/common/convert.h"
#include "ui/load/loadrunlistmodel.h"

#include <QColor>
#include <QFont>
#include <QGuiApplication>
#include <QLocale>
#include <QPalette>

#include <cmath>
#include <set>

namespace tollgate::ui {

namespace {

QString count(std::uint64_t n)
{
    return QLocale().toString(qulonglong(n));
}

QString seconds(double s)
{
    return LoadComparisonModel::tr("%1 s").arg(QLocale().toString(s, 'g', 6));
}

QString mixText(const server::LoadSettings& s)
{
    QStringList parts;
    for (const server::LoadTarget& t : s.mix)
        parts << toQt(t.label()) + QStringLiteral(" ×") + QLocale().toString(t.weight, 'g', 4);
    return parts.isEmpty() ? LoadComparisonModel::tr("GET of the URL")
                           : parts.join(QStringLiteral(", "));
}

QString keysText(const server::LoadSettings& s)
{
    QStringList parts;
    for (const server::LoadKey& k : s.keys)
        parts << toQt(k.tier) + QStringLiteral(" ×") + QLocale().toString(k.weight, 'g', 4);
    return parts.isEmpty() ? LoadComparisonModel::tr("no key") : parts.join(QStringLiteral(", "));
}

const server::LoadSlice* findSlice(
    const std::vector<server::LoadSlice>& slices, const std::string& name)
{
    for (const server::LoadSlice& s : slices) {
        if (s.name == name)
            return &s;
    }
    return nullptr;
}

} // namespace

LoadComparisonModel::LoadComparisonModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

int LoadComparisonModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int LoadComparisonModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

double LoadComparisonModel::change(double a, double b)
{
    if (!std::isfinite(a) || !std::isfinite(b) || a == 0)
        return MetricsFormat::kNaN;
    return (b - a) / std::abs(a) * 100.0;
}

QString LoadComparisonModel::changeText(double percent)
{
    if (std::isnan(percent))
        return QStringLiteral("–");
    const double rounded = std::round(percent * 10.0) / 10.0;
    if (rounded == 0)
        return tr("±0 %");
    const QString number = QLocale().toString(std::abs(rounded), 'f', 1);
    return (rounded > 0 ? QStringLiteral("+") : QStringLiteral("−")) + tr("%1 %").arg(number);
}

void LoadComparisonModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_headerA.clear();
    m_headerB.clear();
    endResetModel();
}

int LoadComparisonModel::rowOfLabel(const QString& label) const
{
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        if (!m_rows[i].section && m_rows[i].label == label)
            return int(i);
    }
    return -1;
}

void LoadComparisonModel::compare(const server::LoadReport& a, const server::LoadReport& b,
    const QHash<QString, QString>& tierNames)
{
    std::vector<Row> rows;
    const auto section = [&rows](const QString& title) {
        Row r;
        r.label = title;
        r.section = true;
        rows.push_back(r);
    };
    const auto setting = [&rows](const QString& label, const QString& x, const QString& y) {
        if (x == y)
            return false;
        Row r;
        r.label = label;
        r.a = x;
        r.b = y;
        rows.push_back(r);
        return true;
    };
    const auto measure = [&rows](const QString& label, double x, double y, const QString& tx,
                             const QString& ty, Direction direction) {
        Row r;
        r.label = label;
        r.valueA = x;
        r.valueB = y;
        r.a = tx;
        r.b = ty;
        r.numeric = true;
        r.direction = direction;
        rows.push_back(r);
    };
    const auto counted
        = [&measure](const QString& label, std::uint64_t x, std::uint64_t y, Direction direction) {
              measure(label, double(x), double(y), count(x), count(y), direction);
          };
    const auto latency = [&measure](const QString& label, const server::LoadCounts& x,
                             const server::LoadCounts& y, double p) {
        const double lx = x.requests > 0
            ? MetricsFormat::ms(p >= 100 ? x.latency.max() : x.latency.percentile(p))
            : MetricsFormat::kNaN;
        const double ly = y.requests > 0
            ? MetricsFormat::ms(p >= 100 ? y.latency.max() : y.latency.percentile(p))
            : MetricsFormat::kNaN;
        measure(
            label, lx, ly, MetricsFormat::latency(lx), MetricsFormat::latency(ly), LowerIsBetter);
    };

    // Settings first: a change in the numbers means little without them.
    section(tr("Settings that differ"));
    const std::size_t before = rows.size();
    const server::LoadSettings& sa = a.settings;
    const server::LoadSettings& sb = b.settings;
    setting(tr("Target"), toQt(sa.url), toQt(sb.url));
    setting(tr("Load"), LoadRunListModel::planText(sa.model, sa.connections, sa.rate),
        LoadRunListModel::planText(sb.model, sb.connections, sb.rate));
    if (sa.model == sb.model && sa.model == server::LoadModel::Open)
        setting(tr("Connections"), count(std::uint64_t(sa.connections)),
            count(std::uint64_t(sb.connections)));
    const auto length = [](const server::LoadSettings& s) {
        return s.requestCount > 0 ? tr("%1 requests").arg(count(s.requestCount))
                                  : seconds(s.durationSeconds);
    };
    setting(tr("Length"), length(sa), length(sb));
    setting(tr("Warm-up"), seconds(sa.warmupSeconds), seconds(sb.warmupSeconds));
    setting(tr("Ramp-up"), seconds(sa.rampUpSeconds), seconds(sb.rampUpSeconds));
    setting(tr("Timeout"), seconds(sa.timeoutSeconds), seconds(sb.timeoutSeconds));
    setting(tr("Route mix"), mixText(sa), mixText(sb));
    if (sa.webSocket() || sb.webSocket()) {
        const auto every = [](const server::LoadSettings& s) {
            return s.wsIntervalMs > 0 ? tr("%1 ms").arg(QLocale().toString(s.wsIntervalMs))
                                      : tr("once");
        };
        setting(tr("Message"), toQt(sa.wsMessage), toQt(sb.wsMessage));
        setting(tr("Message interval"), every(sa), every(sb));
    }
    setting(tr("Key pool"), keysText(sa), keysText(sb));
    if (!sa.keys.empty() || !sb.keys.empty())
        setting(tr("Key header"), toQt(sa.keyHeader), toQt(sb.keyHeader));
    setting(
        tr("Stopped early"), a.stopped ? tr("yes") : tr("no"), b.stopped ? tr("yes") : tr("no"));
    if (rows.size() == before) {
        Row same;
        same.label = tr("(none: same settings)");
        rows.push_back(same);
    }

    section(tr("Results"));
    const server::LoadCounts& ca = a.total;
    const server::LoadCounts& cb = b.total;
    counted(tr("Requests"), ca.requests, cb.requests, Neutral);
    measure(tr("Throughput"), a.throughput(), b.throughput(),
        tr("%1 req/s").arg(MetricsFormat::rate(a.throughput())),
        tr("%1 req/s").arg(MetricsFormat::rate(b.throughput())), HigherIsBetter);
    if (sa.webSocket() || sb.webSocket()) {
        // What a WebSocket run is about: sessions and messages, both ways.
        const auto perSecond = [](std::uint64_t n, const server::LoadReport& r) {
            return r.measuredSeconds > 0 ? double(n) / r.measuredSeconds : MetricsFormat::kNaN;
        };
        counted(tr("Sessions held"), ca.held, cb.held, HigherIsBetter);
        const double ia = perSecond(ca.events, a);
        const double ib = perSecond(cb.events, b);
        measure(tr("Messages in"), ia, ib, tr("%1/s").arg(MetricsFormat::rate(ia)),
            tr("%1/s").arg(MetricsFormat::rate(ib)), HigherIsBetter);
        const double oa = perSecond(ca.sent, a);
        const double ob = perSecond(cb.sent, b);
        measure(tr("Messages out"), oa, ob, tr("%1/s").arg(MetricsFormat::rate(oa)),
            tr("%1/s").arg(MetricsFormat::rate(ob)), HigherIsBetter);
    }
    latency(tr("p50"), ca, cb, 50);
    latency(tr("p90"), ca, cb, 90);
    latency(tr("p99"), ca, cb, 99);
    latency(tr("p99.9"), ca, cb, 99.9);
    latency(tr("Max"), ca, cb, 100);
    {
        const double mx = ca.requests > 0 ? ca.latency.mean() / 1000.0 : MetricsFormat::kNaN;
        const double my = cb.requests > 0 ? cb.latency.mean() / 1000.0 : MetricsFormat::kNaN;
        measure(tr("Mean"), mx, my, MetricsFormat::latency(mx), MetricsFormat::latency(my),
            LowerIsBetter);
    }
    counted(tr("2xx"), ca.statusClass(2), cb.statusClass(2), HigherIsBetter);
    counted(tr("4xx"), ca.statusClass(4), cb.statusClass(4), LowerIsBetter);
    {
        const auto n429 = [](const server::LoadCounts& c) {
            const auto it = c.statuses.find(429);
            return it == c.statuses.end() ? std::uint64_t(0) : it->second;
        };
        if (n429(ca) > 0 || n429(cb) > 0)
            counted(tr("429 (limited)"), n429(ca), n429(cb), LowerIsBetter);
    }
    counted(tr("5xx"), ca.statusClass(5), cb.statusClass(5), LowerIsBetter);
    counted(tr("Errors"), ca.errorTotal(), cb.errorTotal(), LowerIsBetter);
    for (std::size_t k = 0; k < server::kLoadErrorKinds; ++k) {
        if (ca.errors[k] == 0 && cb.errors[k] == 0)
            continue;
        counted(tr("Errors: %1")
                    .arg(QString::fromLatin1(server::loadErrorName(server::LoadErrorKind(k)))),
            ca.errors[k], cb.errors[k], LowerIsBetter);
    }
    {
        const auto rate = [](const server::LoadCounts& c) {
            return MetricsFormat::percent(
                c.errorTotal() + c.statusClass(5), c.requests + c.errorTotal());
        };
        const double ra = rate(ca);
        const double rb = rate(cb);
        measure(tr("Failed (5xx + errors)"), ra, rb, MetricsFormat::percentText(ra),
            MetricsFormat::percentText(rb), LowerIsBetter);
    }
    if (a.missed > 0 || b.missed > 0 || sa.model == server::LoadModel::Open
        || sb.model == server::LoadModel::Open)
        counted(tr("Missed (not sent in time)"), a.missed, b.missed, LowerIsBetter);
    measure(tr("Measured time"), a.measuredSeconds, b.measuredSeconds, seconds(a.measuredSeconds),
        seconds(b.measuredSeconds), Neutral);

    // Per tier and per route: the slices either run has, in the order the
    // runs list them.
    const auto slices = [&](const QString& title, const std::vector<server::LoadSlice>& xs,
                            const std::vector<server::LoadSlice>& ys, bool tiers) {
        std::vector<std::string> names;
        std::set<std::string> seen;
        for (const auto* list : { &xs, &ys }) {
            for (const server::LoadSlice& s : *list) {
                if (seen.insert(s.name).second)
                    names.push_back(s.name);
            }
        }
        if (names.empty())
            return;
        section(title);
        const server::LoadCounts empty;
        for (const std::string& name : names) {
            const server::LoadSlice* x = findSlice(xs, name);
            const server::LoadSlice* y = findSlice(ys, name);
            const server::LoadCounts& cx = x ? x->counts : empty;
            const server::LoadCounts& cy = y ? y->counts : empty;
            QString shown = toQt(name);
            if (tiers)
                shown = tierNames.value(shown, shown);
            const double tx = a.measuredSeconds > 0 ? double(cx.requests) / a.measuredSeconds : 0;
            const double ty = b.measuredSeconds > 0 ? double(cy.requests) / b.measuredSeconds : 0;
            measure(tr("%1: throughput").arg(shown), tx, ty,
                tr("%1 req/s").arg(MetricsFormat::rate(tx)),
                tr("%1 req/s").arg(MetricsFormat::rate(ty)), HigherIsBetter);
            latency(tr("%1: p99").arg(shown), cx, cy, 99);
            const auto ok = [](const server::LoadCounts& c) {
                return MetricsFormat::percent(
                    c.statusClass(2) + c.statusClass(3), c.requests + c.errorTotal());
            };
            const double ox = ok(cx);
            const double oy = ok(cy);
            measure(tr("%1: answered 2xx/3xx").arg(shown), ox, oy, MetricsFormat::percentText(ox),
                MetricsFormat::percentText(oy), HigherIsBetter);
        }
    };
    slices(tr("Per tier"), a.tiers, b.tiers, true);
    slices(tr("Per route"), a.routes, b.routes, false);

    beginResetModel();
    m_rows = std::move(rows);
    m_headerA = tr("A: %1").arg(LoadRunListModel::startedText(a.startedAt));
    m_headerB = tr("B: %1").arg(LoadRunListModel::startedText(b.startedAt));
    endResetModel();
}

QVariant LoadComparisonModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const Row& r = m_rows[std::size_t(index.row())];
    const int column = index.column();
    const double pct = r.numeric ? change(r.valueA, r.valueB) : MetricsFormat::kNaN;
    switch (role) {
    case Qt::DisplayRole:
        if (r.section)
            return column == MeasureColumn ? r.label : QVariant();
        switch (column) {
        case MeasureColumn:
            return r.label;
        case AColumn:
            return r.a;
        case BColumn:
            return r.b;
        case ChangeColumn:
            return r.numeric ? changeText(pct) : QVariant();
        }
        break;
    case ChangeRole:
        return pct;
    case ValueRole:
        if (column == AColumn)
            return r.numeric ? r.valueA : MetricsFormat::kNaN;
        if (column == BColumn)
            return r.numeric ? r.valueB : MetricsFormat::kNaN;
        break;
    case SectionRole:
        return r.section;
    case Qt::FontRole:
        if (r.section) {
            QFont f;
            f.setBold(true);
            return f;
        }
        break;
    case Qt::TextAlignmentRole:
        if (column != MeasureColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case Qt::ForegroundRole: {
        if (column != ChangeColumn || !r.numeric || std::isnan(pct) || r.direction == Neutral)
            break;
        // Changes under 1 % are noise between two runs.
        if (std::abs(pct) < 1.0)
            break;
        const bool better = (pct > 0) == (r.direction == HigherIsBetter);
        const bool dark = isDarkPalette(QGuiApplication::palette());
        if (better)
            return dark ? QColor(0x6f, 0xd4, 0x8f) : QColor(0x1e, 0x8a, 0x4c);
        return dark ? QColor(0xff, 0x7b, 0x86) : QColor(0xc0, 0x39, 0x2b);
    }
    case Qt::ToolTipRole:
        if (column == ChangeColumn && r.numeric && r.direction != Neutral)
            return r.direction == HigherIsBetter ? tr("Higher is better") : tr("Lower is better");
        break;
    default:
        break;
    }
    return {};
}

QVariant LoadComparisonModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case MeasureColumn:
        return tr("Measure");
    case AColumn:
        return m_headerA.isEmpty() ? tr("Run A") : m_headerA;
    case BColumn:
        return m_headerB.isEmpty() ? tr("Run B") : m_headerB;
    case ChangeColumn:
        return tr("Change");
    }
    return {};
}

} // namespace tollgate::ui
