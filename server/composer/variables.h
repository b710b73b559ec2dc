#pragma once

// {{name}} variables of the composer's environments.

#include "server/composer/composerrequest.h"
#include "server/workspace/workspace.h"

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tollgate::server {

/// The value of a variable, or nullopt when it is not defined.
using VariableLookup = std::function<std::optional<std::string>(std::string_view name)>;

/// Replaces every {{name}} (spaces inside the braces allowed) by its value.
/// Unknown variables are left as written and their names appended to *unknown
/// (once each). Values are not expanded again.
std::string expandVariables(
    std::string_view text, const VariableLookup& lookup, std::vector<std::string>* unknown);

/// expandVariables over everything a request sends: URL, header names and
/// values, raw body, form fields, body file path, token, API key header and
/// Basic user and password.
ComposerRequest expandRequest(const ComposerRequest& request, const VariableLookup& lookup,
    std::vector<std::string>* unknown);

/// A lookup over an environment, falling back to builtins (e.g. baseUrl)
/// for names the environment does not define.
VariableLookup environmentLookup(
    const Environment& environment, std::vector<std::pair<std::string, std::string>> builtins);

} // namespace tollgate::server
