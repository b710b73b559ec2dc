#pragma once

#include "server/workspace/workspace.h"

#include <QGroupBox>

#include <vector>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QToolButton;

namespace tollgate::ui {

class UpstreamHeaderModel;
class UpstreamSecrets;

/// The Upstream tab's header changes: a table of set / add / remove with
/// name, value and the secret that gives the value instead, and under it
/// the value of the selected header's secret: typed once into a password
/// field and kept by UpstreamSecrets (the OS keychain), never in the
/// workspace. It says whether a secret is set, never what it is.
class UpstreamHeadersBox final : public QGroupBox {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UpstreamHeadersBox)

public:
    explicit UpstreamHeadersBox(QWidget* parent = nullptr);

    void setSecrets(UpstreamSecrets* secrets);
    void setHeaders(const std::vector<server::UpstreamHeader>& headers);
    const std::vector<server::UpstreamHeader>& headers() const;
    UpstreamHeaderModel* model() const { return m_model; }

Q_SIGNALS:
    /// The user changed the headers (headers() holds them); mergeKey as
    /// UpstreamHeaderModel::headersEdited says.
    void edited(const QString& mergeKey);
    /// An edit was not taken, and why.
    void refused(const QString& problem);

private:
    void updateSecret();
    QString currentSecret() const;

    UpstreamHeaderModel* m_model;
    UpstreamSecrets* m_secrets = nullptr;
    QTableView* m_view;
    QToolButton* m_add;
    QToolButton* m_remove;
    QWidget* m_secretRow;
    QLabel* m_secretName;
    QLineEdit* m_secretValue;
    QPushButton* m_keep;
    QPushButton* m_forget;
    QLabel* m_secretState;
    QLabel* m_hint;
};

} // namespace tollgate::ui
