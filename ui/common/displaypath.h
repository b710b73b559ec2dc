#pragma once

// Paths as the window shows them and as users type them: a path in the home
// folder reads "~/shop/api.yaml" (as shells write it; not on Windows), and
// "~/..." typed into a field means the home folder again.

#include <QString>

namespace tollgate::ui {

/// The path with native separators, "~" for the home folder (outside
/// Windows).
QString displayPath(const QString& path);

/// The absolute, cleaned path text means: "~" and "~/..." in the home
/// folder, a relative path below base. Empty for empty (or blank) text.
QString typedPath(const QString& text, const QString& base);

} // namespace tollgate::ui
