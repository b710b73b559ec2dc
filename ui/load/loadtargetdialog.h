#pragma once

#include "server/load/loadplan.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableWidget;

namespace tollgate::ui {

class BodyEditor;

/// Edits one entry of the load mix: name, method, path, a template per
/// {param} of the path, headers and body. Templates are rendered per
/// request ({{uuid}}, {{#randomInt}}1 100{{/randomInt}}, {{now}}, ...).
class LoadTargetDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoadTargetDialog)

public:
    explicit LoadTargetDialog(const server::LoadTarget& target, QWidget* parent = nullptr);

    server::LoadTarget target() const;

    QLineEdit* pathEdit() const { return m_path; }
    QTableWidget* paramTable() const { return m_params; }
    BodyEditor* bodyEditor() const { return m_body; }

private:
    void syncParams();

    server::LoadTarget m_original;
    QLineEdit* m_name;
    QComboBox* m_method;
    QLineEdit* m_path;
    QTableWidget* m_params;
    QTableWidget* m_headers;
    BodyEditor* m_body;
    QLabel* m_paramHint;
    QLabel* m_paramTitle = nullptr;
};

} // namespace tollgate::ui
