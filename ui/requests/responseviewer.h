#pragma once

#include "ui/requests/requestsender.h"

#include <QStringDecoder>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QTabWidget;
class QTableView;
class QToolButton;

namespace tollgate::ui {

class BodyEditor;
class HeaderTableModel;
class StreamView;

/// The composer's lower half: status, timings, size and decoded rate-limit
/// headers on one line; the body (pretty or raw, searchable) and the headers
/// in tabs; a plain sentence and, for a self-signed certificate, "Proceed
/// anyway" when no response came. A text/event-stream answer is shown from
/// its head on, its events as they arrive in an Events tab (StreamView), the
/// raw body growing with them; what arrived stays when it ends.
class ResponseViewer final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ResponseViewer)

public:
    explicit ResponseViewer(QWidget* parent = nullptr);
    ~ResponseViewer() override;

    void clear();
    void showSending(const QString& url);
    /// The head of the answer has come: an event stream is shown from here
    /// on, its bytes given to appendBody(); other answers wait for
    /// showResponse().
    void showHeaders(const ComposerResponse& response);
    /// Body bytes of the event stream being shown, atMs after sending.
    void appendBody(const QByteArray& bytes, qint64 atMs);
    void showResponse(const ComposerResponse& response);
    /// A problem found before anything was sent (unknown variable, ...).
    void showProblem(const QString& text);
    /// Something to confirm before sending: the text, details and a "Send
    /// Anyway" button (sendAnywayRequested()).
    void showConfirmation(const QString& text, const QString& details);

    QString statusText() const;
    QString errorText() const;
    QString bodyText() const;
    bool isPretty() const { return m_pretty; }
    void setPretty(bool pretty);
    /// Selects the next match of text in the body; returns the match count.
    int find(const QString& text, bool backwards = false);
    StreamView* streamView() const { return m_streamView; }

Q_SIGNALS:
    void saveBodyRequested();
    void proceedInsecureRequested();
    void sendAnywayRequested();

private:
    /// clear() but for the Events tab.
    void resetShown();
    /// Status, protocol, rate limits and headers.
    void showHead(const ComposerResponse& response);
    void setStreamTab(bool shown);
    void renderBody();
    void updateSearch();

    QLabel* m_status;
    QLabel* m_timing;
    QLabel* m_size;
    QLabel* m_protocol;
    QLabel* m_rateLimit;
    QToolButton* m_save;
    QStackedWidget* m_stack;
    QLabel* m_placeholder;
    QTabWidget* m_tabs;
    QWidget* m_bodyPage;
    QToolButton* m_prettyButton;
    QToolButton* m_rawButton;
    QLineEdit* m_search;
    QLabel* m_searchCount;
    QLabel* m_truncated;
    BodyEditor* m_body;
    HeaderTableModel* m_headerModel;
    QTableView* m_headers;
    StreamView* m_streamView;
    QWidget* m_errorPage;
    QLabel* m_errorText;
    QLabel* m_errorDetails;
    QPushButton* m_proceed;

    QByteArray m_preview;
    QStringDecoder m_liveText; // the stream's bytes, a character cut between two kept
    QString m_contentType;
    bool m_pretty = true;
    bool m_hasBody = false;
    bool m_bodyTruncated = false;
    bool m_confirming = false;
};

} // namespace tollgate::ui
