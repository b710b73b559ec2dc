#pragma once

#include "ui/routes/routesection.h"

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QRadioButton;

namespace tollgate::ui {

/// The top of the route editor: what identifies the route (method, path,
/// description), whether it is served, where its answers come from
/// (designed responses, an upstream, a Server-Sent Events stream or a
/// WebSocket), and Try It.
class RouteHeader final : public RouteSection {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RouteHeader)

public:
    explicit RouteHeader(QWidget* parent = nullptr);

    /// The URL a route gets when it first answers from an upstream: a local
    /// API's address to type over (a route file needs one).
    static constexpr const char* kStarterUpstreamUrl = "http://localhost:3000";

Q_SIGNALS:
    /// "Try It": open the route in the request composer.
    void tryItRequested();

private:
    void load() override;
    void forget() override;
    void setPathError(const QString& error);
    void setResponder(server::RouteResponder responder);
    static QString methodTip(bool websocket = false);

    QComboBox* m_method;
    QLineEdit* m_path;
    QLabel* m_pathError;
    QCheckBox* m_enabled;
    QLineEdit* m_description;
    QRadioButton* m_designed;
    QRadioButton* m_upstream;
    QRadioButton* m_sse;
    QRadioButton* m_websocket;
    /// The responder radios, exclusive; a radio's id is its RouteResponder.
    QButtonGroup* m_responders;
};

} // namespace tollgate::ui
