#pragma once

// Shared set-up for the UI tests: settings and standard paths in a test
// location so a test run never touches the user's recent list or theme.

#include <QCoreApplication>
#include <QStandardPaths>

namespace tollgate::ui::test {

inline void isolateSettings()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("TollgateTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tollgate-tests"));
}

} // namespace tollgate::ui::test
