#pragma once

#include "server/load/loadplan.h"
#include "ui/load/loadkeypoolmodel.h"

#include <QHash>
#include <QString>

#include <optional>
#include <vector>

namespace tollgate::ui {

/// What the Load page remembers of a workspace between sessions, and its
/// text form (JSON, kept in QSettings under settings::loadPageState()).
///
/// The text is the one earlier versions wrote and read: an object with
/// "settings" (the LoadSettings JSON of server/load, with the whole mix,
/// checked or not), "mixEnabled" (a check per mix entry), "keys" (the key
/// pool's choices: {"id", "enabled", "weight"}, "" for the no-key row),
/// "followsServer" and "workspace". Keep it readable both ways: users go
/// back and forth between versions.
struct LoadPageState {
    /// The form's fields, every mix entry and the key header.
    server::LoadSettings settings;
    /// Whether each entry of settings.mix is checked (missing: checked).
    std::vector<bool> mixEnabled;
    /// The key pool's choices by key id ("" for the no-key row).
    QHash<QString, LoadKeyPoolModel::Choice> keys;
    /// The URL was the embedded server's: it follows it wherever it listens.
    bool followsServer = false;
    /// The workspace directory (for a person reading the settings file).
    QString workspace;

    QString toJson() const;
    /// Nothing when the text is empty, not JSON, or its settings cannot be
    /// read; missing or mistyped checks and choices keep their defaults.
    static std::optional<LoadPageState> fromJson(const QString& text);
};

} // namespace tollgate::ui
