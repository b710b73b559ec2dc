#pragma once

#include "server/workspace/workspace.h"

#include <QSignalBlocker>
#include <QString>
#include <QWidget>

#include <type_traits>

namespace tollgate::ui {

/// A part of the route editor (its header or one of its tabs). It shows a
/// copy of one route and reports every user edit as the whole new route with
/// a merge key naming the field, which RouteEditor turns into one undo step.
class RouteSection : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RouteSection)

public:
    ~RouteSection() override;

    /// Shows a route: after an edit, an undo or a reload of the same route,
    /// or after clearRoute() for another one.
    void showRoute(const server::Route& route);
    /// Another route, or none, comes next: forget what belonged to the one
    /// shown (the selected response, a half-typed invalid entry).
    void clearRoute();

Q_SIGNALS:
    void edited(const server::Route& route, const QString& field, const QString& text);

protected:
    explicit RouteSection(QWidget* parent = nullptr);

    bool hasRoute() const { return m_hasRoute; }
    const server::Route& route() const { return m_route; }
    /// Reports an edit. Ignored without a route and while the widgets are
    /// being filled: what they report then is not the user's. RouteEditor
    /// stores it and shows the stored route back before this returns.
    void commit(const server::Route& route, const QString& field, const QString& text);
    /// Shows the current route again (a selection or an error changed).
    void refresh();

    /// Fills the widgets from route().
    virtual void load() = 0;
    /// Drops the state that belongs to the route shown until now.
    virtual void forget() { }

    /// "404 Not Found": how a response is named in tabs and pickers.
    static QString responseTitle(const server::Response& response);

    /// Sets a widget's value without it reporting an edit back.
    template <typename Widget, typename Value>
    static void setQuietly(std::type_identity_t<Widget>* widget, void (Widget::*setter)(Value),
        std::type_identity_t<Value> value)
    {
        const QSignalBlocker blocker(widget);
        (widget->*setter)(value);
    }

private:
    server::Route m_route;
    bool m_hasRoute = false;
    bool m_loading = false;
};

} // namespace tollgate::ui
