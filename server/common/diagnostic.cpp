#include "server/common/diagnostic.h"

namespace tollgate::server {

std::string Diagnostic::toString() const
{
    // The "file:line:column: message" shape is what compilers print, so editors
    // and terminals that linkify compiler output jump straight to the spot.
    std::string out;
    if (!file.empty()) {
        out += file;
        if (line > 0) {
            out += ':';
            out += std::to_string(line);
            if (column > 0) {
                out += ':';
                out += std::to_string(column);
            }
        }
        out += ": ";
    } else if (line > 0) {
        out += "line ";
        out += std::to_string(line);
        if (column > 0) {
            out += ", column ";
            out += std::to_string(column);
        }
        out += ": ";
    }
    out += message;
    return out;
}

} // namespace tollgate::server
