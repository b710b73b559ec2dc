#pragma once

#include "ui/widgets/namevaluemodel.h"

#include <string>
#include <utility>
#include <vector>

namespace tollgate::ui {

/// The variables of one environment, editable (name, value). setVariables()
/// resets; user edits emit variablesEdited(). Names are what {{name}} can
/// refer to, and unique.
class EnvironmentModel final : public NameValueModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EnvironmentModel)

public:
    using Variables = std::vector<std::pair<std::string, std::string>>;

    explicit EnvironmentModel(QObject* parent = nullptr);
    ~EnvironmentModel() override;

    void setVariables(const Variables& variables);
    Variables variables() const;

Q_SIGNALS:
    void variablesEdited();

protected:
    QString columnTitle(int column) const override;
    bool acceptName(int row, QString* name) const override;
    QString nameProblem(const QString& name) const override;
};

} // namespace tollgate::ui
