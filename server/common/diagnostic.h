#pragma once

#include <string>

namespace tollgate::server {

/// A problem found in a workspace file: where it is and what is wrong.
struct Diagnostic {
    std::string file; ///< path relative to the workspace directory when possible
    int line = 0; ///< 1-based; 0 when the problem is not tied to a line
    int column = 0; ///< 1-based; 0 when unknown
    std::string message;

    /// "file:line:column: message" (line/column omitted when unknown).
    std::string toString() const;
};

} // namespace tollgate::server
