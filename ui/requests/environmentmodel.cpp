#include "ui/requests/environmentmodel.h"

#include "ui/common/convert.h"

#include <QRegularExpression>

namespace tollgate::ui {

namespace {

// What {{name}} can refer to; anything else would never be expanded.
bool isValidVariableName(const QString& name)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9_.-]+$"));
    return pattern.match(name).hasMatch();
}

} // namespace

EnvironmentModel::EnvironmentModel(QObject* parent)
    : NameValueModel(parent)
{
    connect(this, &NameValueModel::edited, this, &EnvironmentModel::variablesEdited);
}

EnvironmentModel::~EnvironmentModel() = default;

void EnvironmentModel::setVariables(const Variables& variables)
{
    Rows rows;
    rows.reserve(qsizetype(variables.size()));
    for (const auto& [name, value] : variables)
        rows.append({ toQt(name), toQt(value) });
    setRows(rows);
}

EnvironmentModel::Variables EnvironmentModel::variables() const
{
    Variables variables;
    variables.reserve(std::size_t(rows().size()));
    for (const auto& [name, value] : rows())
        variables.emplace_back(toStd(name), toStd(value));
    return variables;
}

QString EnvironmentModel::columnTitle(int column) const
{
    return column == NameColumn ? tr("Variable") : tr("Value");
}

bool EnvironmentModel::acceptName(int row, QString* name) const
{
    *name = name->trimmed();
    if (!isValidVariableName(*name))
        return false;
    for (int other = 0; other < rowCount(); ++other) {
        if (other != row && rows()[other].first == *name)
            return false;
    }
    return true;
}

QString EnvironmentModel::nameProblem(const QString& name) const
{
    return isValidVariableName(name)
        ? QString()
        : tr("Not a valid variable name: use letters, digits, '_', '-' and '.'");
}

} // namespace tollgate::ui
