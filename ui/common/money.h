#pragma once

// Money in the shell: the engine counts integer micro-dollars, people read and
// type dollars. Both directions are exact string arithmetic; a double would
// turn "0.1" into 0.1000000000000000055 and bill it.

#include "server/workspace/workspace.h"

#include <QCoreApplication>
#include <QLocale>
#include <QString>

namespace tollgate::ui {

class Money {
    Q_DECLARE_TR_FUNCTIONS(tollgate::ui::Money)

public:
    /// "$29", "$29.50", "$0.002", "$1,250.75": USD with the locale's
    /// separators, at most six decimals and at least two when there is a
    /// fraction.
    static QString format(server::Micros micros, const QLocale& locale = QLocale());

    /// "0.002", "29": the form an editor starts from ('.' as decimal point,
    /// no grouping, no currency sign), which parse() reads back in any locale.
    static QString editText(server::Micros micros);

    /// Reads "0.002", "$29", "29 USD", "1,250.50" and, where the locale writes
    /// a decimal comma, "0,002" into micro-dollars. False (with a sentence in
    /// *error) for empty, negative or malformed text, more than six decimals
    /// or more than a trillion dollars.
    static bool parse(const QString& text, server::Micros* out, QString* error = nullptr,
        const QLocale& locale = QLocale());
};

} // namespace tollgate::ui
