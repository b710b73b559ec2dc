#include "ui/requests/ratelimitheaders.h"

#include <QHash>

#include <optional>

namespace tollgate::ui {

namespace {

// The header values are RFC 8941 lists: `"name";key=int;key=int, ...`. Only
// what the draft uses is understood (a string or token naming the policy,
// integer parameters); other parameters are skipped, and an item that does
// not parse is dropped without taking the rest of the list with it.
struct Item {
    QString name;
    QHash<QByteArray, qint64> params;
};

class Parser {
public:
    explicit Parser(const QByteArray& text)
        : m_text(text)
    {
    }

    QList<Item> list()
    {
        QList<Item> items;
        while (true) {
            skipSpace();
            if (atEnd())
                break;
            const qsizetype start = m_pos;
            std::optional<Item> item = parseItem();
            skipSpace();
            if (item && (atEnd() || peek() == ',')) {
                items.append(std::move(*item));
            } else {
                m_pos = start;
                skipToNextMember();
            }
            if (atEnd())
                break;
            ++m_pos; // the ','
        }
        return items;
    }

private:
    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek() const { return m_text[m_pos]; }

    void skipSpace()
    {
        while (!atEnd() && (peek() == ' ' || peek() == '\t'))
            ++m_pos;
    }

    // Past garbage up to the ',' that ends it; commas inside a string do not
    // count.
    void skipToNextMember()
    {
        bool quoted = false;
        while (!atEnd()) {
            const char c = peek();
            if (quoted && c == '\\') {
                m_pos += 2;
                continue;
            }
            if (c == '"')
                quoted = !quoted;
            else if (c == ',' && !quoted)
                return;
            ++m_pos;
        }
    }

    static bool isTokenChar(char c)
    {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
            || QByteArrayView("!#$%&'*+-.^_`|~:/").contains(c);
    }

    std::optional<QByteArray> parseString()
    {
        if (atEnd() || peek() != '"')
            return std::nullopt;
        ++m_pos;
        QByteArray out;
        while (!atEnd()) {
            const char c = peek();
            ++m_pos;
            if (c == '"')
                return out;
            if (c == '\\') {
                if (atEnd())
                    return std::nullopt;
                out += peek();
                ++m_pos;
                continue;
            }
            out += c;
        }
        return std::nullopt; // unterminated
    }

    std::optional<QByteArray> parseToken()
    {
        if (atEnd())
            return std::nullopt;
        const char first = peek();
        if (!((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z') || first == '*'))
            return std::nullopt;
        const qsizetype start = m_pos;
        while (!atEnd() && isTokenChar(peek()))
            ++m_pos;
        return m_text.mid(start, m_pos - start);
    }

    // An integer, or nullopt for any other bare item (which is skipped).
    bool parseValue(std::optional<qint64>* integer)
    {
        *integer = std::nullopt;
        if (atEnd())
            return false;
        const char c = peek();
        if (c == '"')
            return parseString().has_value();
        if (c == ':') { // byte sequence
            const qsizetype close = m_text.indexOf(':', m_pos + 1);
            if (close < 0)
                return false;
            m_pos = close + 1;
            return true;
        }
        if (c == '?') { // boolean
            ++m_pos;
            if (atEnd() || (peek() != '0' && peek() != '1'))
                return false;
            ++m_pos;
            return true;
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            const qsizetype start = m_pos;
            if (c == '-')
                ++m_pos;
            while (!atEnd() && ((peek() >= '0' && peek() <= '9') || peek() == '.'))
                ++m_pos;
            const QByteArray number = m_text.mid(start, m_pos - start);
            bool ok = false;
            if (number.contains('.')) { // a decimal: valid, but no q/w/r/t
                number.toDouble(&ok);
                return ok;
            }
            const qint64 value = number.toLongLong(&ok);
            if (!ok)
                return false;
            *integer = value;
            return true;
        }
        return parseToken().has_value();
    }

    std::optional<Item> parseItem()
    {
        Item item;
        if (!atEnd() && peek() == '"') {
            const auto name = parseString();
            if (!name)
                return std::nullopt;
            item.name = QString::fromUtf8(*name);
        } else {
            const auto name = parseToken();
            if (!name)
                return std::nullopt;
            item.name = QString::fromLatin1(*name);
        }
        if (item.name.isEmpty())
            return std::nullopt;
        while (true) {
            skipSpace();
            if (atEnd() || peek() != ';')
                return item;
            ++m_pos;
            skipSpace();
            const auto key = parseToken();
            if (!key)
                return std::nullopt;
            const QByteArray lower = key->toLower();
            if (atEnd() || peek() != '=')
                continue; // a flag (boolean true): nothing the draft defines
            ++m_pos;
            std::optional<qint64> integer;
            if (!parseValue(&integer))
                return std::nullopt;
            const bool known = lower == "q" || lower == "w" || lower == "r" || lower == "t";
            if (known) {
                // q, w, r and t are non-negative integers; anything else
                // makes the whole item untrustworthy.
                if (!integer || *integer < 0)
                    return std::nullopt;
                if (!item.params.contains(lower))
                    item.params.insert(lower, *integer);
            }
        }
    }

    const QByteArray& m_text;
    qsizetype m_pos = 0;
};

qint64 param(const Item& item, const char* key)
{
    return item.params.value(QByteArray(key), -1);
}

} // namespace

QList<RateLimitInfo> decodeRateLimit(const QByteArray& rateLimit, const QByteArray& policy)
{
    const QList<Item> limits = Parser(rateLimit).list();
    const QList<Item> policies = Parser(policy).list();

    QList<RateLimitInfo> result;
    const auto find = [&result](const QString& name) -> RateLimitInfo* {
        for (RateLimitInfo& info : result) {
            if (info.policy == name)
                return &info;
        }
        return nullptr;
    };
    for (const Item& item : limits) {
        if (find(item.name))
            continue; // a repeated name: the first one counts
        RateLimitInfo info;
        info.policy = item.name;
        info.remaining = param(item, "r");
        info.reset = param(item, "t");
        result.append(info);
    }
    QList<QString> seenPolicies;
    for (const Item& item : policies) {
        if (seenPolicies.contains(item.name))
            continue;
        seenPolicies.append(item.name);
        RateLimitInfo* info = find(item.name);
        if (!info) {
            result.append(RateLimitInfo { item.name });
            info = &result.last();
        }
        info->quota = param(item, "q");
        info->window = param(item, "w");
    }
    return result;
}

} // namespace tollgate::ui
