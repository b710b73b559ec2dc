#pragma once

#include "server/workspace/workspace.h"

#include <QDialog>

#include <vector>

class QLabel;
class QListWidget;
class QTableView;

namespace tollgate::ui {

class EnvironmentModel;

/// Edits the workspace's environments: a list of names on the left, the
/// selected one's variables on the right. Changes apply on OK, as one undo
/// step.
class EnvironmentDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EnvironmentDialog)

public:
    EnvironmentDialog(std::vector<server::Environment> environments, const QString& builtinBaseUrl,
        QWidget* parent = nullptr);
    ~EnvironmentDialog() override;

    std::vector<server::Environment> environments() const;
    QString currentEnvironment() const;
    void setCurrentEnvironment(const QString& name);

private:
    void showEnvironment(int row);
    void addEnvironment();
    void removeEnvironment();
    void renameEnvironment();
    void storeCurrent();

    std::vector<server::Environment> m_environments;
    QListWidget* m_list;
    EnvironmentModel* m_model;
    QTableView* m_table;
    QLabel* m_hint;
    int m_row = -1;
};

} // namespace tollgate::ui
