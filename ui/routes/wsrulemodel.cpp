#include "ui/routes/wsrulemodel.h"

#include "ui/common/appearance.h"
#include "ui/common/convert.h"

#include <QGuiApplication>
#include <QPalette>

#include <iterator>

namespace tollgate::ui {

namespace {

constexpr server::WsMatch kMatches[] = { server::WsMatch::Equals, server::WsMatch::Contains,
    server::WsMatch::Regex, server::WsMatch::Any };

QVariant placeholderBrush()
{
    return QGuiApplication::palette().brush(QPalette::PlaceholderText);
}

} // namespace

WsRuleModel::WsRuleModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

server::WsRule WsRuleModel::starterRule()
{
    server::WsRule rule;
    rule.match = server::WsMatch::Equals;
    rule.pointer = "/type";
    rule.value = "ping";
    rule.replies = { { R"({"type": "pong", "n": {{stream.index}}})", 0 } };
    return rule;
}

QStringList WsRuleModel::matchNames()
{
    return { tr("equals"), tr("contains"), tr("matches regex"), tr("any message") };
}

QStringList WsRuleModel::audienceNames()
{
    return { tr("the sender"), tr("everyone connected") };
}

int WsRuleModel::matchIndex(server::WsMatch match)
{
    for (int i = 0; i < int(std::size(kMatches)); ++i)
        if (kMatches[i] == match)
            return i;
    return 0;
}

server::WsMatch WsRuleModel::matchAt(int index)
{
    return index >= 0 && index < int(std::size(kMatches)) ? kMatches[index]
                                                          : server::WsMatch::Contains;
}

void WsRuleModel::setRules(const std::vector<server::WsRule>& rules)
{
    if (rules == m_rules)
        return;
    // An edit of one rule keeps the rows, so the selection stays on it;
    // rows added or removed (or an undo of that) start over.
    if (rules.size() != m_rules.size()) {
        beginResetModel();
        m_rules = rules;
        endResetModel();
        return;
    }
    m_rules = rules;
    if (!m_rules.empty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

int WsRuleModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rules.size());
}

int WsRuleModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant WsRuleModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const server::WsRule& rule = m_rules[std::size_t(index.row())];
    const bool any = rule.match == server::WsMatch::Any;
    switch (index.column()) {
    case MatchColumn:
        // Short: the value column needs the width.
        if (role == Qt::DisplayRole)
            return QStringList { tr("equals"), tr("contains"), tr("regex"), tr("any") }.value(
                matchIndex(rule.match));
        if (role == Qt::ToolTipRole)
            return matchNames().value(matchIndex(rule.match));
        break;
    case PointerColumn:
        // No pointer compares the whole message.
        if (role == Qt::DisplayRole)
            return rule.pointer.empty() ? tr("whole message") : toQt(rule.pointer);
        if (role == Qt::ForegroundRole && rule.pointer.empty())
            return placeholderBrush();
        if (role == Qt::FontRole && !rule.pointer.empty())
            return monospaceFont();
        break;
    case ValueColumn:
        if (role == Qt::DisplayRole)
            return any ? QString() : toQt(rule.value);
        if (role == Qt::ToolTipRole && !any)
            return toQt(rule.value);
        if (role == Qt::FontRole)
            return monospaceFont();
        break;
    case AudienceColumn:
        if (role == Qt::DisplayRole)
            return rule.audience == server::WsAudience::Everyone ? tr("everyone") : tr("sender");
        if (role == Qt::ToolTipRole)
            return audienceNames().value(rule.audience == server::WsAudience::Everyone ? 1 : 0);
        break;
    case CloseCodeColumn:
        if (role == Qt::DisplayRole)
            return rule.closeCode > 0 ? QString::number(rule.closeCode) : QString();
        if (role == Qt::TextAlignmentRole)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        if (role == Qt::ToolTipRole)
            return rule.closeCode > 0 ? tr("Closes the connection after the replies")
                                      : tr("Keeps the connection open");
        break;
    case CloseReasonColumn:
        if (role == Qt::DisplayRole || role == Qt::ToolTipRole)
            return toQt(rule.closeReason);
        break;
    default:
        break;
    }
    return {};
}

QVariant WsRuleModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical) {
        // Rules are checked in order: the number is their place.
        if (role == Qt::DisplayRole)
            return section + 1;
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case MatchColumn:
        return tr("Match");
    case PointerColumn:
        return tr("Pointer");
    case ValueColumn:
        return tr("Value");
    case AudienceColumn:
        return tr("To");
    case CloseCodeColumn:
        return tr("Close code");
    case CloseReasonColumn:
        return tr("Close reason");
    default:
        return {};
    }
}

} // namespace tollgate::ui
