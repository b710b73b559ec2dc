#pragma once

#include "ui/routes/routesection.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;

namespace tollgate::ui {

class SseEventsEditor;

/// The route editor's Stream tab, shown while the route answers with a
/// Server-Sent Events stream: what it sends (scripted events, or a
/// completion's text token by token as an LLM API streams it), its pace and
/// its heartbeat. Only the settings of the chosen mode are shown; the other
/// mode's are kept for the way back.
///
/// An edit the route file would refuse (an event id of two lines) is not
/// stored: the tab says why, in the words of the workspace reader.
class RouteStreamTab final : public RouteSection {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RouteStreamTab)

public:
    explicit RouteStreamTab(QWidget* parent = nullptr);

    /// Fills in what a stream of its mode needs to send anything (a first
    /// event; a completion's text), so a route that just became a stream,
    /// or changed its mode, is valid and shows what it does at once.
    static void addStarter(server::SseStream* stream);

    /// A completion's text a new token stream starts with.
    static constexpr const char* kStarterText
        = "Hello! This answer is streamed by Tollgate, a few characters at a time, the way a "
          "language model sends its tokens.";

private:
    void load() override;
    void forget() override;

    QWidget* buildEvents(QWidget* parent);
    QWidget* buildTokens(QWidget* parent);
    void edit(const server::SseStream& stream, const QString& mergeKey, const QString& undoText);
    void showError(const QString& error);
    void showEstimate(const server::SseStream& stream);

    QComboBox* m_mode = nullptr;
    QLabel* m_modeNote = nullptr;
    QCheckBox* m_heartbeatOn = nullptr;
    QSpinBox* m_heartbeat = nullptr;
    QLabel* m_error = nullptr;

    QGroupBox* m_eventsBox = nullptr;
    SseEventsEditor* m_events = nullptr;
    QCheckBox* m_repeat = nullptr;
    QDoubleSpinBox* m_pace = nullptr;

    QGroupBox* m_tokensBox = nullptr;
    QPlainTextEdit* m_text = nullptr;
    QLineEdit* m_model = nullptr;
    QDoubleSpinBox* m_tokensPerSecond = nullptr;
    QSpinBox* m_tokensPerChunk = nullptr;
    QLabel* m_estimate = nullptr;
};

} // namespace tollgate::ui
