#pragma once

#include "server/workspace/workspace.h"
#include "ui/widgets/namevaluemodel.h"

#include <vector>

namespace tollgate::ui {

/// The headers of one response or request, editable in place. It keeps its
/// own copy: setHeaders() loads it (a reset), user edits emit headersEdited()
/// and the owner writes the copy back. Names must be HTTP field names.
class HeaderTableModel final : public NameValueModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HeaderTableModel)

public:
    explicit HeaderTableModel(QObject* parent = nullptr);
    ~HeaderTableModel() override;

    void setHeaders(const std::vector<server::Header>& headers);
    std::vector<server::Header> headers() const;

Q_SIGNALS:
    /// The user changed the headers (not emitted by setHeaders).
    void headersEdited();

protected:
    QString columnTitle(int column) const override;
    bool acceptName(int row, QString* name) const override;
    QString nameProblem(const QString& name) const override;
};

} // namespace tollgate::ui
