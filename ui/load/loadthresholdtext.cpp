#include "ui/load/loadthresholdtext.h"

#include "ui/common/appearance.h"
#include "ui/common/convert.h"

#include <QPalette>
#include <QStringList>

namespace tollgate::ui {

LoadThresholdText::Outcome LoadThresholdText::outcome(const server::ThresholdResult& r, bool live)
{
    if (r.passed)
        return Outcome::Passed;
    // While the run goes on, nothing measured yet (no answer of the tier
    // so far) is no failure; at the end it is.
    return live && !r.measured ? Outcome::Waiting : Outcome::Failed;
}

QString LoadThresholdText::mark(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Passed:
        return tr("✓ pass");
    case Outcome::Failed:
        return tr("✗ fail");
    case Outcome::Waiting:
        return tr("… waiting");
    }
    return {};
}

QString LoadThresholdText::note(const server::ThresholdResult& r, const std::string& abortedBy)
{
    QStringList parts;
    if (r.breachedAt >= 0)
        parts << tr("first failed at %1 s of measuring").arg(r.breachedAt);
    if (!abortedBy.empty() && r.threshold == abortedBy)
        parts << tr("stopped the run");
    return parts.join(QStringLiteral(" · "));
}

QString LoadThresholdText::headline(
    const std::vector<server::ThresholdResult>& results, const std::string& abortedBy, bool live)
{
    if (results.empty())
        return {};
    int passed = 0;
    int failed = 0;
    for (const server::ThresholdResult& r : results) {
        const Outcome o = outcome(r, live);
        passed += o == Outcome::Passed ? 1 : 0;
        failed += o == Outcome::Failed ? 1 : 0;
    }
    const int all = int(results.size());
    QString text = live ? tr("Thresholds so far: %1 of %2 failing").arg(failed).arg(all)
                        : tr("Thresholds: %1 of %2 passed").arg(passed).arg(all);
    if (!abortedBy.empty())
        text += QStringLiteral(" · ") + tr("the run was stopped by %1").arg(toQt(abortedBy));
    return text;
}

QString LoadThresholdText::html(const std::vector<server::ThresholdResult>& results,
    const std::string& abortedBy, bool live, const QPalette& palette)
{
    if (results.empty())
        return {};
    QString rows;
    for (const server::ThresholdResult& r : results) {
        const Outcome o = outcome(r, live);
        const QColor colour = o == Outcome::Passed ? statusColor(200, palette)
            : o == Outcome::Failed                 ? statusColor(500, palette)
                                                   : palette.color(QPalette::PlaceholderText);
        const QString actual = r.actualText.empty() ? QStringLiteral("–") : toQt(r.actualText);
        // The note goes with the value, so only the last cell wraps.
        QString value = actual.toHtmlEscaped();
        if (const QString n = note(r, abortedBy); !n.isEmpty())
            value += QStringLiteral(" <span style=\"color:%1\">· %2</span>")
                         .arg(palette.color(QPalette::PlaceholderText).name(), n.toHtmlEscaped());
        rows += QStringLiteral("<tr><td style=\"color:%1; padding-right:10px\"><b>%2</b></td>"
                               "<td style=\"padding-right:10px\"><code>%3</code></td>"
                               "<td>%4</td></tr>")
                    .arg(colour.name(), mark(o).toHtmlEscaped(), toQt(r.threshold).toHtmlEscaped(),
                        value);
    }
    return QStringLiteral("<b>%1</b><table cellspacing=\"0\" cellpadding=\"1\" "
                          "style=\"margin-top:2px\">%2</table>")
        .arg(headline(results, abortedBy, live).toHtmlEscaped(), rows);
}

QString LoadThresholdText::plain(
    const std::vector<server::ThresholdResult>& results, const std::string& abortedBy, bool live)
{
    if (results.empty())
        return {};
    QStringList lines { headline(results, abortedBy, live) };
    for (const server::ThresholdResult& r : results) {
        QStringList parts { mark(outcome(r, live)), toQt(r.threshold) };
        if (!r.actualText.empty())
            parts << toQt(r.actualText);
        if (const QString n = note(r, abortedBy); !n.isEmpty())
            parts << n;
        lines << parts.join(QStringLiteral(" · "));
    }
    return lines.join(QLatin1Char('\n'));
}

std::vector<server::ThresholdResult> LoadThresholdText::waiting(
    const std::vector<std::string>& thresholds)
{
    std::vector<server::ThresholdResult> out;
    for (const std::string& t : thresholds) {
        server::ThresholdResult r;
        r.threshold = t;
        out.push_back(std::move(r));
    }
    return out;
}

QStringList LoadThresholdText::failed(
    const std::vector<server::ThresholdResult>& results, bool live)
{
    QStringList out;
    for (const server::ThresholdResult& r : results) {
        if (outcome(r, live) == Outcome::Failed)
            out << toQt(r.threshold);
    }
    return out;
}

} // namespace tollgate::ui
