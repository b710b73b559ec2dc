#include "ui/load/loadpagestate.h"

#include "server/load/loadreport.h"
#include "ui/common/convert.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

#include <algorithm>

namespace tollgate::ui {

QString LoadPageState::toJson() const
{
    // The settings keep the engine's own JSON form; only the envelope is
    // built here.
    const QByteArray settingsText = QByteArray::fromStdString(server::loadSettingsToJsonText(settings));
    QJsonArray enabled;
    for (const bool on : mixEnabled)
        enabled.append(on);
    QJsonArray choices;
    for (auto it = keys.begin(); it != keys.end(); ++it) {
        choices.append(QJsonObject {
            { QStringLiteral("id"), it.key() },
            { QStringLiteral("enabled"), it->enabled },
            { QStringLiteral("weight"), it->weight },
        });
    }
    const QJsonObject root {
        { QStringLiteral("settings"), QJsonDocument::fromJson(settingsText).object() },
        { QStringLiteral("mixEnabled"), enabled },
        { QStringLiteral("keys"), choices },
        { QStringLiteral("followsServer"), followsServer },
        { QStringLiteral("workspace"), workspace },
    };
    return QString::fromUtf8(QJsonDocument(root).toJson(QJsonDocument::Compact));
}

std::optional<LoadPageState> LoadPageState::fromJson(const QString& text)
{
    if (text.isEmpty())
        return std::nullopt;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8());
    if (!document.isObject())
        return std::nullopt;
    const QJsonObject root = document.object();
    // The settings must be an object; what it holds is the engine's to judge.
    const QJsonValue saved = root.value(QStringLiteral("settings"));
    if (!saved.isObject())
        return std::nullopt;
    const QByteArray settingsText = QJsonDocument(saved.toObject()).toJson(QJsonDocument::Compact);
    LoadPageState state;
    std::string error;
    if (!server::loadSettingsFromJsonText(settingsText.toStdString(), &state.settings, &error))
        return std::nullopt;

    const QJsonArray enabled = root.value(QStringLiteral("mixEnabled")).toArray();
    for (std::size_t i = 0; i < state.settings.mix.size(); ++i) {
        const QJsonValue on = i < std::size_t(enabled.size()) ? enabled.at(qsizetype(i)) : QJsonValue();
        state.mixEnabled.push_back(on.isBool() ? on.toBool() : true);
    }
    for (const QJsonValue& entry : root.value(QStringLiteral("keys")).toArray()) {
        const QJsonObject o = entry.toObject();
        const QJsonValue id = o.value(QStringLiteral("id"));
        if (!id.isString())
            continue;
        LoadKeyPoolModel::Choice choice;
        if (const QJsonValue on = o.value(QStringLiteral("enabled")); on.isBool())
            choice.enabled = on.toBool();
        if (const QJsonValue weight = o.value(QStringLiteral("weight")); weight.isDouble())
            choice.weight = std::max(0.0, weight.toDouble());
        state.keys.insert(id.toString(), choice);
    }
    const QJsonValue follows = root.value(QStringLiteral("followsServer"));
    state.followsServer = follows.isBool() && follows.toBool();
    state.workspace = root.value(QStringLiteral("workspace")).toString();
    return state;
}

} // namespace tollgate::ui
