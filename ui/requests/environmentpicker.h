#pragma once

#include <QWidget>

class QAction;
class QComboBox;

namespace tollgate::ui {

class WorkspaceDocument;

/// Which of the workspace's environments the request's {{variables}} come
/// from. The choice is remembered per workspace directory (in the user's
/// settings, not in the workspace).
class EnvironmentPicker final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EnvironmentPicker)

public:
    /// editAction opens the environments editor; it gets a button here.
    EnvironmentPicker(
        const WorkspaceDocument* document, QAction* editAction, QWidget* parent = nullptr);
    ~EnvironmentPicker() override;

    QString current() const;
    /// Chooses the environment of that name, if there is one.
    void setCurrent(const QString& name);
    /// Lists the document's environments again, keeping the choice (or,
    /// when there was none, the one remembered for the workspace).
    void reload();

private:
    void remember(const QString& name) const;

    const WorkspaceDocument* m_document;
    QComboBox* m_combo;
};

} // namespace tollgate::ui
