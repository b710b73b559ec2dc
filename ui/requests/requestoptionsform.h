#pragma once

#include "server/composer/composerrequest.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QSpinBox;

namespace tollgate::ui {

/// The Options tab of the request editor: redirects, protocol, timeouts
/// (whole seconds), compression and TLS verification.
class RequestOptionsForm final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RequestOptionsForm)

public:
    explicit RequestOptionsForm(QWidget* parent = nullptr);
    ~RequestOptionsForm() override;

    /// Shows the options of r.
    void load(const server::ComposerRequest& r);
    /// Fills in the options of r.
    void store(server::ComposerRequest* r) const;

Q_SIGNALS:
    /// The user changed an option.
    void edited();

private:
    QCheckBox* m_followRedirects;
    QComboBox* m_httpVersion;
    QSpinBox* m_connectTimeout;
    QSpinBox* m_totalTimeout;
    QCheckBox* m_compressed;
    QCheckBox* m_verifyTls;
};

} // namespace tollgate::ui
