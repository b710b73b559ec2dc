#pragma once

#include "server/load/loadplan.h"

#include <QString>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QRadioButton;
class QSpinBox;
class QToolButton;

namespace tollgate::ui {

/// The run settings of the Load page: target URL (with what it is: the
/// embedded server, this machine, or somewhere else), model, connections,
/// rate, duration or request count, warm-up, ramp-up and timeout; for a
/// ws:// or wss:// URL the message each session sends and its interval
/// instead of the model, the count and streams. The mix, the key pool and
/// the key header are the panel's.
class LoadSettingsForm final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoadSettingsForm)

public:
    explicit LoadSettingsForm(QWidget* parent = nullptr);

    /// The form's fields as settings (mix, keys, key header left default).
    server::LoadSettings settings() const;
    /// Shows these settings' fields (mix and keys are ignored).
    void setSettings(const server::LoadSettings& settings);

    /// Where the embedded server listens (or will listen once started), and
    /// whether it runs. While the URL is the embedded server's, it follows.
    void setEmbeddedServer(const QString& baseUrl, bool running);
    QString embeddedUrl() const { return m_embeddedUrl; }
    /// True when the URL points at the embedded server.
    bool targetsEmbeddedServer() const;
    /// Puts the embedded server's URL in the field.
    void useEmbeddedServer();

    /// "Sending to 127.0.0.1:8080 — the embedded server" and the like.
    QString targetDescription() const;
    /// The same for any URL and embedded server URL (empty: none).
    static QString describeTarget(const QString& url, const QString& embeddedUrl);

    QLineEdit* urlEdit() const { return m_url; }
    QComboBox* modelCombo() const { return m_model; }
    QSpinBox* connectionsSpin() const { return m_connections; }
    QDoubleSpinBox* rateSpin() const { return m_rate; }
    QRadioButton* durationRadio() const { return m_byDuration; }
    QRadioButton* countRadio() const { return m_byCount; }
    QDoubleSpinBox* durationSpin() const { return m_duration; }
    QSpinBox* countSpin() const { return m_count; }
    QDoubleSpinBox* warmupSpin() const { return m_warmup; }
    QDoubleSpinBox* rampUpSpin() const { return m_rampUp; }
    QDoubleSpinBox* timeoutSpin() const { return m_timeout; }
    QLineEdit* wsMessageEdit() const { return m_wsMessage; }
    QDoubleSpinBox* wsIntervalSpin() const { return m_wsInterval; }
    QCheckBox* streamCheck() const { return m_stream; }
    /// True when the URL field holds a ws:// or wss:// URL.
    bool isWebSocket() const;

    /// Defaults for a new workspace: closed, 16 connections, 10 s.
    static server::LoadSettings defaultSettings();

Q_SIGNALS:
    /// A field changed (by the user or setSettings).
    void edited();

protected:
    void changeEvent(QEvent* event) override;

private:
    void updateEnabled();
    void updateTarget();

    QLineEdit* m_url;
    QToolButton* m_embeddedButton;
    QLabel* m_target;
    QComboBox* m_model;
    QSpinBox* m_connections;
    QDoubleSpinBox* m_rate;
    QRadioButton* m_byDuration;
    QRadioButton* m_byCount;
    QDoubleSpinBox* m_duration;
    QSpinBox* m_count;
    QDoubleSpinBox* m_warmup;
    QDoubleSpinBox* m_rampUp;
    QDoubleSpinBox* m_timeout;
    QCheckBox* m_verifyTls;
    QCheckBox* m_stream;
    QLabel* m_wsMessageLabel;
    QLineEdit* m_wsMessage;
    QLabel* m_wsIntervalLabel;
    QDoubleSpinBox* m_wsInterval;
    QString m_embeddedUrl;
    bool m_embeddedRunning = false;
};

} // namespace tollgate::ui
