#pragma once

// Logging categories of the window. Debug output is off by default; turn it
// on per area with QT_LOGGING_RULES, e.g. "tollgate.engine.debug=true".

#include <QLoggingCategory>

namespace tollgate::ui {

/// The embedded server and load runs, as seen through the engine facade.
Q_DECLARE_LOGGING_CATEGORY(lcEngine)
/// Opening, creating and installing workspaces.
Q_DECLARE_LOGGING_CATEGORY(lcWorkspace)
/// The window and its pages.
Q_DECLARE_LOGGING_CATEGORY(lcUi)
/// Where the secrets of created keys are kept (the OS keychain).
Q_DECLARE_LOGGING_CATEGORY(lcSecrets)

} // namespace tollgate::ui
