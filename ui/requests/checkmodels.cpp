#include "ui/requests/checkmodels.h"

#include "ui/common/convert.h"

#include <QBrush>
#include <QGuiApplication>
#include <QPalette>

#include <algorithm>
#include <iterator>

namespace tollgate::ui {

namespace {

using Subject = server::Assertion::Subject;
using Op = server::Assertion::Op;
using Source = server::Capture::Source;

constexpr Subject kSubjects[] = { Subject::Status, Subject::Header, Subject::Json, Subject::Body,
    Subject::Schema, Subject::Latency };
constexpr Source kSources[] = { Source::Json, Source::Header, Source::Status, Source::Body };

template <typename T, std::size_t N> int indexIn(const T (&list)[N], T value)
{
    const auto it = std::find(std::begin(list), std::end(list), value);
    return it == std::end(list) ? 0 : int(it - std::begin(list));
}

QStringList subjectNames()
{
    QStringList names;
    for (Subject s : kSubjects)
        names << AssertionTableModel::subjectName(s);
    return names;
}

QStringList opNames(Subject subject)
{
    QStringList names;
    for (Op op : server::operatorsFor(subject))
        names << AssertionTableModel::opName(op);
    return names;
}

QString sourceName(Source source)
{
    switch (source) {
    case Source::Json:
        return CaptureTableModel::tr("JSON value");
    case Source::Header:
        return CaptureTableModel::tr("Header");
    case Source::Status:
        return CaptureTableModel::tr("Status");
    case Source::Body:
        return CaptureTableModel::tr("Body");
    }
    return {};
}

QStringList sourceNames()
{
    QStringList names;
    for (Source s : kSources)
        names << sourceName(s);
    return names;
}

QBrush dimmed()
{
    return QGuiApplication::palette().brush(QPalette::PlaceholderText);
}

} // namespace

// ---------------------------------------------------------------- assertions

AssertionTableModel::AssertionTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

QString AssertionTableModel::subjectName(Subject subject)
{
    switch (subject) {
    case Subject::Status:
        return tr("Status");
    case Subject::Header:
        return tr("Header");
    case Subject::Json:
        return tr("JSON value");
    case Subject::Body:
        return tr("Body");
    case Subject::Schema:
        return tr("JSON Schema");
    case Subject::Latency:
        return tr("Latency (ms)");
    }
    return {};
}

QString AssertionTableModel::opName(Op op)
{
    switch (op) {
    case Op::Equals:
        return tr("equals");
    case Op::NotEquals:
        return tr("does not equal");
    case Op::Contains:
        return tr("contains");
    case Op::Matches:
        return tr("matches");
    case Op::Exists:
        return tr("exists");
    case Op::Absent:
        return tr("is absent");
    case Op::Type:
        return tr("is of type");
    case Op::Less:
        return tr("below");
    case Op::LessOrEqual:
        return tr("at most");
    case Op::Greater:
        return tr("above");
    case Op::GreaterOrEqual:
        return tr("at least");
    }
    return {};
}

void AssertionTableModel::setAssertions(const std::vector<server::Assertion>& assertions)
{
    if (assertions == m_assertions)
        return;
    beginResetModel();
    m_assertions = assertions;
    m_outcomes.clear();
    endResetModel();
}

void AssertionTableModel::setOutcomes(const std::vector<server::AssertionOutcome>& outcomes)
{
    m_outcomes = outcomes;
    if (!m_assertions.empty())
        Q_EMIT dataChanged(index(0, ResultColumn), index(rowCount() - 1, ResultColumn));
}

const server::AssertionOutcome* AssertionTableModel::outcomeOf(int row) const
{
    // Outcomes are of the enabled assertions only.
    if (!m_assertions[std::size_t(row)].enabled)
        return nullptr;
    const auto enabledBefore = std::count_if(m_assertions.begin(), m_assertions.begin() + row,
        [](const server::Assertion& a) { return a.enabled; });
    return std::size_t(enabledBefore) < m_outcomes.size() ? &m_outcomes[std::size_t(enabledBefore)]
                                                          : nullptr;
}

int AssertionTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_assertions.size());
}

int AssertionTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AssertionTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const server::Assertion& a = m_assertions[std::size_t(index.row())];
    switch (index.column()) {
    case SubjectColumn:
        if (role == Qt::DisplayRole)
            return subjectName(a.subject);
        if (role == Qt::EditRole)
            return indexIn(kSubjects, a.subject);
        if (role == ChoicesRole)
            return subjectNames();
        if (role == Qt::CheckStateRole)
            return a.enabled ? Qt::Checked : Qt::Unchecked;
        if (role == Qt::ToolTipRole)
            return tr("Untick to keep the assertion without running it");
        break;
    case PathColumn:
        if (!server::takesPath(a.subject))
            break;
        if (role == Qt::DisplayRole || role == Qt::EditRole)
            return toQt(a.path);
        if (role == Qt::ToolTipRole)
            return a.subject == Subject::Json
                ? tr("A JSON pointer into the body: /id, /items/0/name; empty for the whole body")
                : tr("The header's name (any case)");
        break;
    case OpColumn: {
        const std::vector<Op> ops = server::operatorsFor(a.subject);
        if (a.subject == Subject::Schema)
            break;
        if (role == Qt::DisplayRole)
            return opName(a.op);
        if (role == Qt::EditRole)
            return int(std::find(ops.begin(), ops.end(), a.op) - ops.begin());
        if (role == ChoicesRole)
            return opNames(a.subject);
        break;
    }
    case ValueColumn:
        if (!server::takesValue(a.op))
            break;
        if (role == Qt::DisplayRole && a.subject == Subject::Schema && a.value.empty())
            return tr("(the route's schema for the status; or paste one)");
        if (role == Qt::DisplayRole || role == Qt::EditRole)
            return toQt(a.value);
        if (role == Qt::ForegroundRole && a.subject == Subject::Schema && a.value.empty())
            return dimmed();
        if (role == Qt::ToolTipRole && a.subject == Subject::Schema)
            return tr("A JSON Schema the body must be valid against. Left empty, the schema of "
                      "the route's answer with the status that came (routes imported from "
                      "OpenAPI keep their schemas).");
        if (role == Qt::ToolTipRole)
            return a.op == Op::Type ? tr("string, number, integer, boolean, object, array or null")
                : a.op == Op::Matches && a.subject != Subject::Schema
                ? tr("A regular expression, found anywhere in the value")
                : tr("{{variables}} are filled in when the check runs");
        break;
    case ResultColumn: {
        const server::AssertionOutcome* outcome = outcomeOf(index.row());
        if (!outcome)
            break;
        if (role == Qt::DisplayRole)
            return outcome->passed ? tr("Passed") : tr("Failed: %1").arg(toQt(outcome->message));
        if (role == Qt::ToolTipRole)
            return tr("Expected %1, got %2").arg(toQt(outcome->expected), toQt(outcome->actual));
        if (role == Qt::ForegroundRole)
            return QBrush(outcome->passed ? QColor(0x1b, 0x7f, 0x3b) : QColor(0xc0, 0x28, 0x28));
        break;
    }
    default:
        break;
    }
    return {};
}

bool AssertionTableModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    server::Assertion next = m_assertions[std::size_t(index.row())];
    if (role == Qt::CheckStateRole && index.column() == SubjectColumn) {
        next.enabled = value.toInt() == Qt::Checked;
    } else if (role != Qt::EditRole) {
        return false;
    } else {
        switch (index.column()) {
        case SubjectColumn: {
            const int i = value.toInt();
            if (i < 0 || i >= int(std::size(kSubjects)))
                return false;
            next.subject = kSubjects[i];
            const std::vector<Op> ops = server::operatorsFor(next.subject);
            if (std::find(ops.begin(), ops.end(), next.op) == ops.end())
                next.op = ops.front();
            if (!server::takesPath(next.subject))
                next.path.clear();
            // What fits one subject rarely fits the next (a status is no schema).
            if (next.subject != m_assertions[std::size_t(index.row())].subject)
                next.value = next.subject == Subject::Status ? "200"
                    : next.subject == Subject::Latency       ? "500"
                    : next.subject == Subject::Schema        ? "{\"type\": \"object\"}"
                                                             : "";
            if (next.subject == Subject::Json && next.path.empty())
                next.path = "/id";
            if (next.subject == Subject::Header && next.path.empty())
                next.path = "Content-Type";
            break;
        }
        case PathColumn:
            next.path = toStd(value.toString().trimmed());
            break;
        case OpColumn: {
            const std::vector<Op> ops = server::operatorsFor(next.subject);
            const int i = value.toInt();
            if (i < 0 || i >= int(ops.size()))
                return false;
            next.op = ops[std::size_t(i)];
            if (!server::takesValue(next.op))
                next.value.clear();
            break;
        }
        case ValueColumn:
            next.value = toStd(value.toString());
            break;
        default:
            return false;
        }
    }
    if (const std::string problem = server::assertionProblem(next); !problem.empty()) {
        Q_EMIT refused(toQt(problem));
        return false;
    }
    server::Assertion& a = m_assertions[std::size_t(index.row())];
    if (next == a)
        return true;
    a = next;
    Q_EMIT dataChanged(this->index(index.row(), 0), this->index(index.row(), ColumnCount - 1));
    Q_EMIT assertionsEdited();
    return true;
}

Qt::ItemFlags AssertionTableModel::flags(const QModelIndex& index) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return Qt::NoItemFlags;
    const Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    const server::Assertion& a = m_assertions[std::size_t(index.row())];
    switch (index.column()) {
    case SubjectColumn:
        return f | Qt::ItemIsEditable | Qt::ItemIsUserCheckable;
    case PathColumn:
        return server::takesPath(a.subject) ? f | Qt::ItemIsEditable : f;
    case OpColumn:
        return a.subject == Subject::Schema ? f : f | Qt::ItemIsEditable;
    case ValueColumn:
        return server::takesValue(a.op) ? f | Qt::ItemIsEditable : f;
    default:
        return f;
    }
}

QVariant AssertionTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SubjectColumn:
        return tr("Check");
    case PathColumn:
        return tr("Pointer / header");
    case OpColumn:
        return tr("Operator");
    case ValueColumn:
        return tr("Expected");
    case ResultColumn:
        return tr("Result");
    default:
        return {};
    }
}

bool AssertionTableModel::insertRows(int row, int count, const QModelIndex& parent)
{
    if (parent.isValid() || row < 0 || row > rowCount() || count < 1)
        return false;
    beginInsertRows({}, row, row + count - 1);
    server::Assertion fresh;
    fresh.value = "200";
    m_assertions.insert(m_assertions.begin() + row, std::size_t(count), fresh);
    m_outcomes.clear();
    endInsertRows();
    Q_EMIT assertionsEdited();
    return true;
}

bool AssertionTableModel::removeRows(int row, int count, const QModelIndex& parent)
{
    if (parent.isValid() || row < 0 || count < 1 || row + count > rowCount())
        return false;
    beginRemoveRows({}, row, row + count - 1);
    m_assertions.erase(m_assertions.begin() + row, m_assertions.begin() + row + count);
    m_outcomes.clear();
    endRemoveRows();
    Q_EMIT assertionsEdited();
    return true;
}

// ---------------------------------------------------------------- captures

CaptureTableModel::CaptureTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void CaptureTableModel::setCaptures(const std::vector<server::Capture>& captures)
{
    if (captures == m_captures)
        return;
    beginResetModel();
    m_captures = captures;
    m_outcomes.clear();
    endResetModel();
}

void CaptureTableModel::setOutcomes(const std::vector<server::CaptureOutcome>& outcomes)
{
    m_outcomes = outcomes;
    if (!m_captures.empty())
        Q_EMIT dataChanged(index(0, ResultColumn), index(rowCount() - 1, ResultColumn));
}

int CaptureTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_captures.size());
}

int CaptureTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CaptureTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const server::Capture& c = m_captures[std::size_t(index.row())];
    switch (index.column()) {
    case VariableColumn:
        if (role == Qt::DisplayRole || role == Qt::EditRole)
            return toQt(c.variable);
        if (role == Qt::CheckStateRole)
            return c.enabled ? Qt::Checked : Qt::Unchecked;
        if (role == Qt::ToolTipRole)
            return tr("The variable the value goes into: {{%1}} in the requests after this one")
                .arg(toQt(c.variable));
        break;
    case SourceColumn:
        if (role == Qt::DisplayRole)
            return sourceName(c.source);
        if (role == Qt::EditRole)
            return indexIn(kSources, c.source);
        if (role == ChoicesRole)
            return sourceNames();
        break;
    case PathColumn:
        if (server::takesPath(c.source) && (role == Qt::DisplayRole || role == Qt::EditRole))
            return toQt(c.path);
        break;
    case ResultColumn: {
        if (!c.enabled)
            break;
        const auto enabledBefore = std::count_if(m_captures.begin(),
            m_captures.begin() + index.row(), [](const server::Capture& x) { return x.enabled; });
        if (std::size_t(enabledBefore) >= m_outcomes.size())
            break;
        const server::CaptureOutcome& o = m_outcomes[std::size_t(enabledBefore)];
        if (role == Qt::DisplayRole)
            return o.captured ? toQt(o.value).left(200) : tr("Failed: %1").arg(toQt(o.message));
        if (role == Qt::ForegroundRole && !o.captured)
            return QBrush(QColor(0xc0, 0x28, 0x28));
        break;
    }
    default:
        break;
    }
    return {};
}

bool CaptureTableModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    server::Capture next = m_captures[std::size_t(index.row())];
    if (role == Qt::CheckStateRole && index.column() == VariableColumn) {
        next.enabled = value.toInt() == Qt::Checked;
    } else if (role != Qt::EditRole) {
        return false;
    } else {
        switch (index.column()) {
        case VariableColumn:
            next.variable = toStd(value.toString().trimmed());
            break;
        case SourceColumn: {
            const int i = value.toInt();
            if (i < 0 || i >= int(std::size(kSources)))
                return false;
            next.source = kSources[i];
            if (!server::takesPath(next.source))
                next.path.clear();
            else if (next.source != m_captures[std::size_t(index.row())].source)
                next.path = next.source == Source::Json ? "/id" : "Location";
            break;
        }
        case PathColumn:
            next.path = toStd(value.toString().trimmed());
            break;
        default:
            return false;
        }
    }
    if (const std::string problem = server::captureProblem(next); !problem.empty()) {
        Q_EMIT refused(toQt(problem));
        return false;
    }
    server::Capture& c = m_captures[std::size_t(index.row())];
    if (next == c)
        return true;
    c = next;
    Q_EMIT dataChanged(this->index(index.row(), 0), this->index(index.row(), ColumnCount - 1));
    Q_EMIT capturesEdited();
    return true;
}

Qt::ItemFlags CaptureTableModel::flags(const QModelIndex& index) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return Qt::NoItemFlags;
    const Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    const server::Capture& c = m_captures[std::size_t(index.row())];
    switch (index.column()) {
    case VariableColumn:
        return f | Qt::ItemIsEditable | Qt::ItemIsUserCheckable;
    case SourceColumn:
        return f | Qt::ItemIsEditable;
    case PathColumn:
        return server::takesPath(c.source) ? f | Qt::ItemIsEditable : f;
    default:
        return f;
    }
}

QVariant CaptureTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case VariableColumn:
        return tr("Variable");
    case SourceColumn:
        return tr("From");
    case PathColumn:
        return tr("Pointer / header");
    case ResultColumn:
        return tr("Captured");
    default:
        return {};
    }
}

bool CaptureTableModel::insertRows(int row, int count, const QModelIndex& parent)
{
    if (parent.isValid() || row < 0 || row > rowCount() || count < 1)
        return false;
    beginInsertRows({}, row, row + count - 1);
    for (int i = 0; i < count; ++i) {
        server::Capture fresh;
        fresh.path = "/id";
        std::string name = "id";
        for (int n = 2; std::any_of(m_captures.begin(), m_captures.end(),
                 [&](const server::Capture& c) { return c.variable == name; });
             ++n)
            name = "id" + std::to_string(n);
        fresh.variable = name;
        m_captures.insert(m_captures.begin() + row + i, fresh);
    }
    m_outcomes.clear();
    endInsertRows();
    Q_EMIT capturesEdited();
    return true;
}

bool CaptureTableModel::removeRows(int row, int count, const QModelIndex& parent)
{
    if (parent.isValid() || row < 0 || count < 1 || row + count > rowCount())
        return false;
    beginRemoveRows({}, row, row + count - 1);
    m_captures.erase(m_captures.begin() + row, m_captures.begin() + row + count);
    m_outcomes.clear();
    endRemoveRows();
    Q_EMIT capturesEdited();
    return true;
}

} // namespace tollgate::ui
