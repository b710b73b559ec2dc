#include "ui/requests/runresultmodel.h"

#include "ui/common/appearance.h"
#include "ui/common/convert.h"
#include "ui/common/httpstatus.h"

#include <QBrush>
#include <QGuiApplication>
#include <QPalette>

#include <algorithm>

namespace tollgate::ui {

struct RunResultModel::Node {
    Kind kind = Kind::Iteration;
    Node* parent = nullptr;
    int run = -1; ///< index into m_runs: requests and what is under them
    int item = -1; ///< the assertion's or capture's index in the run's checks
    int iteration = 0;
    std::vector<std::unique_ptr<Node>> children;

    Node* add(Kind k, int r, int i = -1)
    {
        auto node = std::make_unique<Node>();
        node->kind = k;
        node->parent = this;
        node->run = r;
        node->item = i;
        children.push_back(std::move(node));
        return children.back().get();
    }
    int row() const
    {
        if (!parent)
            return 0;
        for (std::size_t i = 0; i < parent->children.size(); ++i)
            if (parent->children[i].get() == this)
                return int(i);
        return 0;
    }
};

namespace {

QString milliseconds(double ms)
{
    return ms < 10 ? RunResultModel::tr("%1 ms").arg(ms, 0, 'f', 1)
                   : RunResultModel::tr("%1 ms").arg(qRound64(ms));
}

} // namespace

RunResultModel::RunResultModel(QObject* parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>())
{
}

RunResultModel::~RunResultModel() = default;

void RunResultModel::reset(int iterations)
{
    beginResetModel();
    m_root = std::make_unique<Node>();
    m_runs.clear();
    m_iterations = std::max(1, iterations);
    endResetModel();
}

QModelIndex RunResultModel::append(const server::RequestRun& run)
{
    m_runs.push_back(run);
    const int r = int(m_runs.size()) - 1;
    Node* parent = m_root.get();
    if (m_iterations > 1) {
        if (m_root->children.empty() || m_root->children.back()->iteration != run.iteration) {
            beginInsertRows({}, int(m_root->children.size()), int(m_root->children.size()));
            m_root->add(Kind::Iteration, -1)->iteration = run.iteration;
            endInsertRows();
        }
        parent = m_root->children.back().get();
    }
    const int row = int(parent->children.size());
    beginInsertRows(indexOf(parent), row, row);
    Node* request = parent->add(Kind::Request, r);
    request->iteration = run.iteration;
    if (!run.sent)
        request->add(Kind::Failure, r);
    for (std::size_t i = 0; i < run.checks.assertions.size(); ++i)
        request->add(Kind::Assertion, r, int(i));
    for (std::size_t i = 0; i < run.checks.captures.size(); ++i)
        request->add(Kind::Capture, r, int(i));
    endInsertRows();
    if (parent != m_root.get())
        Q_EMIT dataChanged(indexOf(parent), indexOf(parent, ColumnCount - 1));
    return indexOf(request);
}

RunResultModel::Node* RunResultModel::nodeOf(const QModelIndex& index) const
{
    return index.isValid() ? static_cast<Node*>(index.internalPointer()) : m_root.get();
}

QModelIndex RunResultModel::indexOf(Node* node, int column) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->row(), column, node);
}

int RunResultModel::rowCount(const QModelIndex& parent) const
{
    if (parent.column() > 0)
        return 0;
    return int(nodeOf(parent)->children.size());
}

int RunResultModel::columnCount(const QModelIndex&) const
{
    return ColumnCount;
}

QModelIndex RunResultModel::index(int row, int column, const QModelIndex& parent) const
{
    const Node* p = nodeOf(parent);
    if (row < 0 || row >= int(p->children.size()) || column < 0 || column >= ColumnCount)
        return {};
    return createIndex(row, column, p->children[std::size_t(row)].get());
}

QModelIndex RunResultModel::parent(const QModelIndex& child) const
{
    if (!child.isValid())
        return {};
    return indexOf(nodeOf(child)->parent);
}

bool RunResultModel::passed(const Node* node) const
{
    const server::RequestRun* run = node->run >= 0 ? &m_runs[std::size_t(node->run)] : nullptr;
    switch (node->kind) {
    case Kind::Iteration:
        for (const auto& child : node->children)
            if (!passed(child.get()))
                return false;
        return true;
    case Kind::Request:
        return run->passed();
    case Kind::Assertion:
        return run->checks.assertions[std::size_t(node->item)].passed;
    case Kind::Capture:
        return run->checks.captures[std::size_t(node->item)].captured;
    case Kind::Failure:
        return false;
    }
    return false;
}

QVariant RunResultModel::display(const Node* node, int column) const
{
    if (node->kind == Kind::Iteration) {
        int failed = 0;
        double ms = 0;
        for (const auto& child : node->children) {
            failed += passed(child.get()) ? 0 : 1;
            ms += m_runs[std::size_t(child->run)].answer.totalMs;
        }
        const int all = int(node->children.size());
        switch (column) {
        case NameColumn:
            return tr("Iteration %1").arg(node->iteration + 1);
        case ResultColumn:
            return failed == 0 ? tr("✓ %n passed", nullptr, all)
                               : tr("✗ %1 of %2 failed").arg(failed).arg(all);
        case TimeColumn:
            return milliseconds(ms);
        default:
            return {};
        }
    }
    const server::RequestRun& run = m_runs[std::size_t(node->run)];
    switch (node->kind) {
    case Kind::Request:
        switch (column) {
        case NameColumn:
            return QStringLiteral("%1 %2").arg(toQt(run.method), toQt(run.name));
        case ResultColumn:
            if (!run.sent)
                return tr("✗ No answer");
            return run.passed() ? tr("✓ Passed") : tr("✗ %n failed", nullptr, run.failures());
        case ActualColumn:
            return run.sent ? QStringLiteral("%1 %2")
                                  .arg(run.answer.status)
                                  .arg(reasonPhrase(run.answer.status))
                            : toQt(run.error);
        case TimeColumn:
            return run.sent ? milliseconds(run.answer.totalMs) : QVariant();
        default:
            return {};
        }
    case Kind::Assertion: {
        const server::AssertionOutcome& a = run.checks.assertions[std::size_t(node->item)];
        switch (column) {
        case NameColumn:
            return toQt(a.description);
        case ResultColumn:
            return a.passed ? tr("✓ Passed") : tr("✗ Failed");
        case ExpectedColumn:
            return toQt(a.expected);
        case ActualColumn:
            return toQt(a.actual);
        default:
            return {};
        }
    }
    case Kind::Capture: {
        const server::CaptureOutcome& c = run.checks.captures[std::size_t(node->item)];
        switch (column) {
        case NameColumn:
            return tr("Capture %1").arg(toQt(c.variable));
        case ResultColumn:
            return c.captured ? tr("✓ Captured") : tr("✗ Not captured");
        case ActualColumn:
            return toQt(c.captured ? c.value : c.message);
        default:
            return {};
        }
    }
    case Kind::Failure:
        switch (column) {
        case NameColumn:
            return tr("No answer");
        case ResultColumn:
            return tr("✗ Failed");
        case ActualColumn:
            return toQt(run.error);
        default:
            return {};
        }
    case Kind::Iteration:
        break;
    }
    return {};
}

QVariant RunResultModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid())
        return {};
    const Node* node = nodeOf(index);
    switch (role) {
    case Qt::DisplayRole:
        return display(node, index.column());
    case Qt::ToolTipRole: {
        if (node->kind == Kind::Iteration)
            return {};
        const server::RequestRun& run = m_runs[std::size_t(node->run)];
        if (node->kind == Kind::Request)
            return QStringLiteral("%1 %2").arg(toQt(run.method), toQt(run.url));
        if (node->kind == Kind::Assertion) {
            const auto& a = run.checks.assertions[std::size_t(node->item)];
            return a.passed ? QVariant() : QVariant(toQt(a.message));
        }
        if (node->kind == Kind::Capture)
            return toQt(run.checks.captures[std::size_t(node->item)].message);
        return toQt(run.error);
    }
    case Qt::ForegroundRole:
        if (index.column() == ResultColumn)
            return QBrush(statusColor(passed(node) ? 200 : 500, QGuiApplication::palette()));
        return {};
    case PassedRole:
        return passed(node);
    case KindRole:
        return int(node->kind);
    case RunRole:
        return node->run;
    case ItemRole:
        return node->item;
    default:
        return {};
    }
}

QVariant RunResultModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Request / check");
    case ResultColumn:
        return tr("Result");
    case ExpectedColumn:
        return tr("Expected");
    case ActualColumn:
        return tr("Actual");
    case TimeColumn:
        return tr("Time");
    default:
        return {};
    }
}

} // namespace tollgate::ui
