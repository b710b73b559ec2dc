#pragma once

#include <QCoreApplication>
#include <QString>

#include <string>
#include <vector>

namespace tollgate::ui {

/// Scopes ("read", "billing:write") as people type them: one comma-separated
/// line.
class ScopeList {
    Q_DECLARE_TR_FUNCTIONS(tollgate::ui::ScopeList)

public:
    /// "read, write"
    static QString toText(const std::vector<std::string>& scopes);

    /// Splits at commas, trims, drops empty entries and repeats. False (with
    /// a sentence in *error) when a scope holds a space or a quote.
    static bool parse(const QString& text, std::vector<std::string>* out, QString* error = nullptr);
};

} // namespace tollgate::ui
