#pragma once

// Evaluating a request's tests (RequestChecks) against the answer it got:
// each assertion passes or fails with what was expected and what came, and
// each capture yields a variable's value. Pure: the composer (after a send)
// and the collection runner call the same code.

#include "server/composer/requestchecks.h"
#include "server/composer/variables.h"
#include "server/workspace/workspace.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace tollgate::server {

/// An answer as the checks see it.
struct ReceivedAnswer {
    int status = 0;
    std::vector<Header> headers; ///< as received, repeated fields kept
    std::string body;
    double totalMs = 0; ///< from sending to the whole answer
};

struct AssertionOutcome {
    std::string description; ///< describe() with its variables expanded
    bool passed = false;
    std::string expected; ///< "201", "integer", "a value" ...
    std::string actual; ///< what came: "404", "string \"7\"", "(absent)"
    std::string message; ///< why it failed, one line; empty when passed
};

struct CaptureOutcome {
    std::string variable;
    bool captured = false;
    std::string value;
    std::string message; ///< why nothing was captured
};

struct CheckOutcome {
    std::vector<AssertionOutcome> assertions; ///< the enabled ones, in order
    std::vector<CaptureOutcome> captures; ///< the enabled ones, in order
    /// Failed assertions plus captures that found nothing (a chain would
    /// go on with a missing variable).
    int failures() const;
    bool passed() const { return failures() == 0; }
};

/// The JSON Schema of the route's answer with this status (a route imported
/// from OpenAPI keeps it), or nothing.
using AnswerSchemaLookup = std::function<std::optional<std::string>(int status)>;

/// Checks `answer`. Variables in paths and values are expanded with `lookup`
/// (an unknown one fails its assertion). A schema assertion without a schema
/// of its own asks `routeSchema` (may be empty).
CheckOutcome evaluateChecks(const RequestChecks& checks, const ReceivedAnswer& answer,
    const VariableLookup& lookup, const AnswerSchemaLookup& routeSchema = {});

} // namespace tollgate::server
