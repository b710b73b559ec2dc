#include "ui/requests/queryparammodel.h"

namespace tollgate::ui {

namespace {

// One past the "}}" of the {{variable}} starting at i, or -1. Variables are
// copied verbatim both ways and never split the text: "{{a&b}}" stays one
// value and "{{ baseUrl }}" keeps its spaces.
qsizetype variableEnd(QStringView s, qsizetype i)
{
    if (i + 1 >= s.size() || s[i] != u'{' || s[i + 1] != u'{')
        return -1;
    const qsizetype close = s.indexOf(u"}}", i + 2);
    return close < 0 ? -1 : close + 2;
}

// The first c in s at or after from that is not inside a variable, or -1.
qsizetype findOutside(QStringView s, QChar c, qsizetype from = 0)
{
    for (qsizetype i = from; i < s.size();) {
        const qsizetype end = variableEnd(s, i);
        if (end >= 0) {
            i = end;
            continue;
        }
        if (s[i] == c)
            return i;
        ++i;
    }
    return -1;
}

struct UrlParts {
    QStringView head; ///< everything before '?' (or before '#' without a query)
    QStringView query; ///< between '?' and '#'
    QStringView fragment; ///< from '#' on, '#' included
    bool hasQuery = false;
};

// A '?' after the '#' belongs to the fragment, so the fragment is found first.
UrlParts splitUrl(QStringView url)
{
    UrlParts parts;
    const qsizetype hash = findOutside(url, u'#');
    const QStringView beforeHash = hash < 0 ? url : url.first(hash);
    if (hash >= 0)
        parts.fragment = url.sliced(hash);
    const qsizetype question = findOutside(beforeHash, u'?');
    if (question < 0) {
        parts.head = beforeHash;
        return parts;
    }
    parts.head = beforeHash.first(question);
    parts.query = beforeHash.sliced(question + 1);
    parts.hasQuery = true;
    return parts;
}

int hexValue(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= u'0' && u <= u'9')
        return u - u'0';
    if (u >= u'a' && u <= u'f')
        return u - u'a' + 10;
    if (u >= u'A' && u <= u'F')
        return u - u'A' + 10;
    return -1;
}

// %XX sequences become bytes and the bytes UTF-8, so "%C3%A4" is one 'ä'; a
// '%' not followed by two hex digits is kept as typed ("100%").
QString decode(QStringView raw)
{
    QByteArray bytes;
    bytes.reserve(raw.size());
    qsizetype i = 0;
    while (i < raw.size()) {
        const qsizetype end = variableEnd(raw, i);
        if (end >= 0) {
            bytes += raw.sliced(i, end - i).toUtf8();
            i = end;
            continue;
        }
        const QChar c = raw[i];
        if (c == u'+') {
            bytes += ' ';
            ++i;
        } else if (c == u'%' && i + 2 < raw.size() && hexValue(raw[i + 1]) >= 0
            && hexValue(raw[i + 2]) >= 0) {
            bytes += char(hexValue(raw[i + 1]) * 16 + hexValue(raw[i + 2]));
            i += 3;
        } else {
            // Up to the next character that may need decoding, so surrogate
            // pairs stay together.
            qsizetype next = i + 1;
            while (next < raw.size() && raw[next] != u'+' && raw[next] != u'%' && raw[next] != u'{')
                ++next;
            bytes += raw.sliced(i, next - i).toUtf8();
            i = next;
        }
    }
    return QString::fromUtf8(bytes);
}

bool mustEncode(unsigned char b)
{
    // Space, the query's own delimiters, the escape characters themselves,
    // controls and everything beyond ASCII; the rest is left as typed.
    return b <= 0x20 || b >= 0x7f || b == '&' || b == '=' || b == '#' || b == '%' || b == '+';
}

void appendEncoded(QString* out, const QByteArray& utf8)
{
    static constexpr char hex[] = "0123456789ABCDEF";
    for (const char ch : utf8) {
        const auto b = static_cast<unsigned char>(ch);
        if (mustEncode(b)) {
            out->append(u'%');
            out->append(QLatin1Char(hex[b >> 4]));
            out->append(QLatin1Char(hex[b & 0xf]));
        } else {
            out->append(QLatin1Char(ch));
        }
    }
}

QString encode(QStringView text)
{
    QString out;
    out.reserve(text.size());
    qsizetype i = 0;
    while (i < text.size()) {
        const qsizetype end = variableEnd(text, i);
        if (end >= 0) {
            out += text.sliced(i, end - i);
            i = end;
            continue;
        }
        // A "{{" that does not close here must not pair with a "}}" in a
        // later parameter once written back, or the two would merge.
        if (text[i] == u'{' && i + 1 < text.size() && text[i + 1] == u'{') {
            out += QStringLiteral("%7B");
            ++i;
            continue;
        }
        qsizetype next = i + 1;
        while (next < text.size() && text[next] != u'{')
            ++next;
        appendEncoded(&out, text.sliced(i, next - i).toUtf8());
        i = next;
    }
    return out;
}

struct RawParam {
    QString raw;
    QString name;
    QString value;
};

// Empty segments ("a=1&&b=2", a lone '?') are no parameters.
QList<RawParam> parseRaw(QStringView url)
{
    QList<RawParam> params;
    const UrlParts parts = splitUrl(url);
    QStringView query = parts.query;
    while (!query.isEmpty()) {
        const qsizetype amp = findOutside(query, u'&');
        const QStringView segment = amp < 0 ? query : query.first(amp);
        query = amp < 0 ? QStringView() : query.sliced(amp + 1);
        if (segment.isEmpty())
            continue;
        const qsizetype eq = findOutside(segment, u'=');
        RawParam p;
        p.raw = segment.toString();
        p.name = decode(eq < 0 ? segment : segment.first(eq));
        p.value = eq < 0 ? QString() : decode(segment.sliced(eq + 1));
        params.append(std::move(p));
    }
    return params;
}

bool isBlank(const QPair<QString, QString>& param)
{
    return param.first.isEmpty() && param.second.isEmpty();
}

} // namespace

QueryParamModel::QueryParamModel(QObject* parent)
    : NameValueModel(parent)
{
    connect(this, &NameValueModel::edited, this, &QueryParamModel::paramsEdited);
}

QueryParamModel::~QueryParamModel() = default;

QList<QPair<QString, QString>> QueryParamModel::parseQuery(const QString& url)
{
    QList<QPair<QString, QString>> pairs;
    for (RawParam& p : parseRaw(url))
        pairs.append({ std::move(p.name), std::move(p.value) });
    return pairs;
}

void QueryParamModel::setUrl(const QString& url)
{
    const QList<RawParam> parsed = parseRaw(url);
    const Rows& params = rows();

    // Rows the user added but has not filled in yet are not in the URL; they
    // must survive the URL being written back from the other rows.
    QList<int> filled;
    for (int row = 0; row < params.size(); ++row) {
        if (!isBlank(params[row]))
            filled.append(row);
    }
    bool same = filled.size() == parsed.size();
    for (int i = 0; same && i < parsed.size(); ++i) {
        const auto& param = params[filled[i]];
        same = param.first == parsed[i].name && param.second == parsed[i].value;
    }
    if (same) {
        // Nothing to show, but keep the spelling ("a" vs "a=", "%20" vs
        // "+") so an edit elsewhere writes these rows back as typed.
        for (int i = 0; i < parsed.size(); ++i)
            m_raw[filled[i]] = parsed[i].raw;
        return;
    }

    if (filled.size() == params.size() && parsed.size() == params.size()) {
        // Typing in a value changes one cell: keep the selection and the
        // current cell of the table instead of resetting it.
        for (int row = 0; row < parsed.size(); ++row) {
            m_raw[row] = parsed[row].raw;
            const auto& param = params[row];
            if (param.first == parsed[row].name && param.second == parsed[row].value)
                continue;
            replaceRow(row, { parsed[row].name, parsed[row].value });
        }
        return;
    }

    Rows loaded;
    m_raw.clear();
    for (const RawParam& p : parsed) {
        loaded.append({ p.name, p.value });
        m_raw.append(p.raw);
    }
    resetRows(loaded);
}

QString QueryParamModel::applyToUrl(const QString& url) const
{
    const UrlParts parts = splitUrl(url);
    const Rows& params = rows();
    QString query;
    for (int row = 0; row < params.size(); ++row) {
        const auto& param = params[row];
        if (isBlank(param))
            continue;
        if (!query.isEmpty())
            query += u'&';
        if (!m_raw[row].isNull()) {
            query += m_raw[row];
            continue;
        }
        query += encode(param.first);
        // "a" rather than "a=": how a flag is usually written.
        if (!param.second.isEmpty())
            query += u'=' + encode(param.second);
    }
    QString result = parts.head.toString();
    if (!query.isEmpty())
        result += u'?' + query;
    result += parts.fragment;
    return result;
}

QString QueryParamModel::columnTitle(int column) const
{
    return column == NameColumn ? tr("Parameter") : tr("Value");
}

void QueryParamModel::cellEdited(int row)
{
    m_raw[row] = QString();
}

void QueryParamModel::rowsAdded(int row, int count)
{
    m_raw.insert(row, count, QString());
}

void QueryParamModel::rowsDropped(int row, int count)
{
    m_raw.remove(row, count);
}

} // namespace tollgate::ui
