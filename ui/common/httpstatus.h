#pragma once

#include <QString>

namespace tollgate::ui {

/// The IANA reason phrase of a status code ("Not Found"), empty when unknown.
/// Reason phrases are protocol text and stay English in every language.
QString reasonPhrase(int status);

} // namespace tollgate::ui
