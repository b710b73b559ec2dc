#pragma once

#include "server/common/diagnostic.h"

#include <QWidget>

#include <vector>

class QTreeWidget;

namespace tollgate::ui {

/// Lists what is wrong with the workspace: problems found while loading the
/// files and problems the engine found when applying it, as file:line: message.
class ProblemsView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProblemsView)

public:
    explicit ProblemsView(QWidget* parent = nullptr);

    void setProblems(
        const std::vector<server::Diagnostic>& load, const std::vector<server::Diagnostic>& apply);
    int count() const;

Q_SIGNALS:
    /// The user activated a problem that names a route file.
    void fileActivated(const QString& file);

private:
    QTreeWidget* m_tree;
};

} // namespace tollgate::ui
