#pragma once

// The tests of a composer request (issue 18): assertions on its answer and
// captures of values from it into variables for the requests that follow.
// Plain data, saved with the request; server/checks/ evaluates them.

#include <string>
#include <string_view>
#include <vector>

namespace tollgate::server {

/// One check of an answer.
struct Assertion {
    enum class Subject {
        Status, ///< the status code
        Header, ///< a header field named by `path` (case-insensitive)
        Json, ///< the value at the JSON pointer `path` of the body ("" = the whole body)
        Body, ///< the body as text
        Schema, ///< the body against a JSON Schema: `value`, or the route's when empty
        Latency, ///< the time to the whole answer, in ms
    };
    enum class Op {
        /// Json: equal as JSON values when `value` parses as JSON (a string
        /// value also when its text is `value`: 42 matches "42"), else as text
        Equals,
        NotEquals,
        Contains,
        Matches, ///< an ECMAScript regular expression, searched anywhere
        Exists,
        Absent,
        Type, ///< Json: string, number, integer, boolean, object, array or null
        Less,
        LessOrEqual,
        Greater,
        GreaterOrEqual,
    };
    Subject subject = Subject::Status;
    std::string path;
    Op op = Op::Equals;
    /// What is expected. {{variables}} are expanded when the check runs.
    std::string value;
    bool enabled = true;
    bool operator==(const Assertion&) const = default;
};

/// A value of the answer kept in a variable for the requests after it.
struct Capture {
    enum class Source {
        Json, ///< the value at the JSON pointer `path` (strings without quotes)
        Header, ///< the header field named by `path`
        Status,
        Body, ///< the whole body as text
    };
    std::string variable;
    Source source = Source::Json;
    std::string path;
    bool enabled = true;
    bool operator==(const Capture&) const = default;
};

struct RequestChecks {
    std::vector<Assertion> assertions;
    std::vector<Capture> captures;
    bool empty() const { return assertions.empty() && captures.empty(); }
    bool operator==(const RequestChecks&) const = default;
};

// The words files use ("status", "notEquals", ...); changing one is a schema change.
const char* toString(Assertion::Subject subject);
const char* toString(Assertion::Op op);
const char* toString(Capture::Source source);
bool fromString(std::string_view word, Assertion::Subject* out);
bool fromString(std::string_view word, Assertion::Op* out);
bool fromString(std::string_view word, Capture::Source* out);

/// The operators that make sense for a subject, the first being the default.
std::vector<Assertion::Op> operatorsFor(Assertion::Subject subject);
/// Whether the operator compares with a value (Exists and Absent do not).
bool takesValue(Assertion::Op op);
/// Whether the subject names something with `path` (a header, a pointer).
bool takesPath(Assertion::Subject subject);
bool takesPath(Capture::Source source);

/// Why the assertion cannot be checked as written ("\"/id\" is not a JSON
/// pointer", "the pattern does not compile: ..."), or empty. Values holding
/// {{variables}} are checked when they run.
std::string assertionProblem(const Assertion& assertion);
/// Why the capture cannot run ("needs a variable name"), or empty.
std::string captureProblem(const Capture& capture);

/// "status equals 201", "header Content-Type contains json",
/// "json /id is integer", "latency below 200 ms": for lists and reports.
std::string describe(const Assertion& assertion);
/// "userId = json /id".
std::string describe(const Capture& capture);

} // namespace tollgate::server
