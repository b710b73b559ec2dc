#include "ui/common/money.h"

#include <cstdint>

namespace tollgate::ui {

namespace {

constexpr std::int64_t kMicrosPerDollar = 1'000'000;
constexpr int kMaxWholeDigits = 12; // below a trillion dollars: no overflow in micros

bool allDigits(const QString& s)
{
    for (const QChar c : s) {
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return false;
    }
    return true;
}

// "1,250,000": a first group of one to three digits, then groups of three.
bool validGrouping(const QString& whole, QChar group)
{
    const QStringList parts = whole.split(group);
    for (int i = 0; i < parts.size(); ++i) {
        const QString& p = parts[i];
        if (!allDigits(p) || p.isEmpty())
            return false;
        if (i == 0 ? (p.size() > 3 || (p.startsWith(QLatin1Char('0')) && parts.size() > 1))
                   : p.size() != 3)
            return false;
    }
    return true;
}

} // namespace

QString Money::format(server::Micros micros, const QLocale& locale)
{
    const bool negative = micros < 0;
    // -(INT64_MIN) overflows; go through unsigned.
    const std::uint64_t magnitude
        = negative ? std::uint64_t(-(micros + 1)) + 1 : std::uint64_t(micros);
    const std::uint64_t whole = magnitude / kMicrosPerDollar;
    QString fraction = QStringLiteral("%1").arg(
        qulonglong(magnitude % kMicrosPerDollar), 6, 10, QLatin1Char('0'));
    while (fraction.endsWith(QLatin1Char('0')))
        fraction.chop(1);
    if (!fraction.isEmpty() && fraction.size() < 2)
        fraction += QLatin1Char('0');
    QString text = QLatin1Char('$') + locale.toString(qulonglong(whole));
    if (!fraction.isEmpty())
        text += locale.decimalPoint() + fraction;
    return negative ? QString(QLatin1Char('-') + text) : text;
}

QString Money::editText(server::Micros micros)
{
    const bool negative = micros < 0;
    const std::uint64_t magnitude
        = negative ? std::uint64_t(-(micros + 1)) + 1 : std::uint64_t(micros);
    QString fraction = QStringLiteral("%1").arg(
        qulonglong(magnitude % kMicrosPerDollar), 6, 10, QLatin1Char('0'));
    while (fraction.endsWith(QLatin1Char('0')))
        fraction.chop(1);
    QString text = QString::number(qulonglong(magnitude / kMicrosPerDollar));
    if (!fraction.isEmpty())
        text += QLatin1Char('.') + fraction;
    return negative ? QString(QLatin1Char('-') + text) : text;
}

bool Money::parse(const QString& input, server::Micros* out, QString* error, const QLocale& locale)
{
    const auto fail = [error](const QString& message) {
        if (error)
            *error = message;
        return false;
    };
    const QString malformed
        = tr("\"%1\" is not an amount in USD; write it like 0.002 or 29.").arg(input.trimmed());

    QString text;
    for (const QChar c : input) {
        // Spaces (also the no-break ones locales group with), underscores
        // and apostrophes are only ever grouping.
        if (!c.isSpace() && c != QLatin1Char('_') && c != QLatin1Char('\''))
            text += c;
    }
    if (text.isEmpty())
        return fail(tr("Enter an amount in USD, for example 0.002."));
    if (text.contains(QLatin1Char('-')) || text.contains(QChar(0x2212)))
        return fail(tr("The amount cannot be negative."));
    const QString usd = QStringLiteral("usd");
    if (text.startsWith(QLatin1Char('$')))
        text.remove(0, 1);
    else if (text.startsWith(usd, Qt::CaseInsensitive))
        text.remove(0, usd.size());
    if (text.endsWith(QLatin1Char('$')))
        text.chop(1);
    else if (text.endsWith(usd, Qt::CaseInsensitive))
        text.chop(usd.size());

    const QChar dot(QLatin1Char('.'));
    const QChar comma(QLatin1Char(','));
    const qsizetype dots = text.count(dot);
    const qsizetype commas = text.count(comma);
    // '.' is always a decimal point (it is what editText() writes); ',' is one
    // only where the locale says so. With both, the last one is the point.
    QChar point;
    QChar group;
    if (dots > 0 && commas > 0) {
        point = text.lastIndexOf(dot) > text.lastIndexOf(comma) ? dot : comma;
        group = point == dot ? comma : dot;
    } else if (commas > 0) {
        if (commas == 1 && locale.decimalPoint() == QString(comma))
            point = comma;
        else
            group = comma;
    } else if (dots > 0) {
        if (dots == 1)
            point = dot;
        else
            group = dot;
    }

    QString whole = text;
    QString fraction;
    if (!point.isNull()) {
        if (text.count(point) != 1)
            return fail(malformed);
        const qsizetype at = text.indexOf(point);
        whole = text.left(at);
        fraction = text.mid(at + 1);
    }
    if (!group.isNull() && whole.contains(group)) {
        if (!validGrouping(whole, group))
            return fail(malformed);
        whole.remove(group);
    }
    if ((whole.isEmpty() && fraction.isEmpty()) || !allDigits(whole) || !allDigits(fraction))
        return fail(malformed);
    if (fraction.size() > 6)
        return fail(tr("At most six decimal places: the smallest amount is one micro-dollar "
                       "(0.000001)."));
    while (whole.size() > 1 && whole.startsWith(QLatin1Char('0')))
        whole.remove(0, 1);
    if (whole.size() > kMaxWholeDigits)
        return fail(tr("The amount is too large."));

    const std::int64_t dollars = whole.isEmpty() ? 0 : whole.toLongLong();
    const std::int64_t micros
        = fraction.isEmpty() ? 0 : fraction.leftJustified(6, QLatin1Char('0')).toLongLong();
    *out = dollars * kMicrosPerDollar + micros;
    return true;
}

} // namespace tollgate::ui
