#pragma once

#include <QWidget>

class QLabel;
class QSplitter;
class QTableView;
class QToolButton;

namespace tollgate::ui {

class BodyEditor;
class WebSocketSession;

/// The composer's lower half while its URL is ws:// or wss://: a line on
/// the session (connecting, connected, closed with the code and reason,
/// failed and why; messages each way, the time to the first from the
/// server), the log of messages and events with the selected one in full
/// beside it (JSON indented), and the message box: text or JSON, checked
/// before it is sent, sent with Ctrl+Return or Send. What is typed stays
/// in the box after sending and when sending is refused. The log follows
/// new rows while it is scrolled to its end.
class WebSocketView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WebSocketView)

public:
    enum class Format { Text, Json };

    explicit WebSocketView(WebSocketSession* session, QWidget* parent = nullptr);
    ~WebSocketView() override;

    WebSocketSession* session() const { return m_session; }

    Format format() const { return m_format; }
    void setFormat(Format format);
    QString message() const;
    void setMessage(const QString& text);
    /// Sends the message box: false, sending nothing, when the session is
    /// not open, the box is empty or (JSON) does not parse; messageProblem()
    /// says why.
    bool sendMessage();
    QString messageProblem() const;
    void focusMessage();

    /// Something that kept the session from starting (an unknown variable).
    void showProblem(const QString& text);
    /// Empties the log (the session's counts stay).
    void clearLog();

    QString stateText() const;
    QString summaryText() const;
    QString detailText() const;

Q_SIGNALS:
    /// "Connect Anyway" after a certificate whose identity could not be
    /// verified: connect once more without verification.
    void connectInsecureRequested();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    QWidget* buildDetail();
    QWidget* buildMessageBox();
    void updateState();
    void updateSummary();
    void updateSendEnabled();
    void setMessageProblem(const QString& text);
    void showSelected();

    WebSocketSession* m_session;
    Format m_format = Format::Text;
    QString m_problem; // set by showProblem(), until the next session starts

    QLabel* m_state;
    QLabel* m_summary;
    QToolButton* m_insecure;
    QToolButton* m_clear;
    QSplitter* m_splitter;
    QTableView* m_table;
    QLabel* m_detailMeta;
    BodyEditor* m_detail;
    QToolButton* m_textButton;
    QToolButton* m_jsonButton;
    QLabel* m_messageProblem;
    QToolButton* m_send;
    BodyEditor* m_message;

    bool m_follow = true;
};

} // namespace tollgate::ui
