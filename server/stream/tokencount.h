#pragma once

// Token counts read from what an answer says about itself: a JSON body
// ({"usage": {"prompt_tokens": 12, "completion_tokens": 40}}) or, for a
// stream, each event's data. Where the counts are is a pair of JSON pointers
// (RFC 6901), TokenCounting in the route.

#include <cstdint>
#include <string>
#include <string_view>

namespace tollgate::server {

struct TokenCounts {
    std::uint64_t input = 0;
    std::uint64_t output = 0;
    bool operator==(const TokenCounts&) const = default;
};

/// The counts at `inputPointer` and `outputPointer` (either may be empty) in a
/// JSON text. A pointer that finds no whole non-negative number counts 0, and
/// so does text that is not JSON: an answer cannot make a request fail.
TokenCounts tokensInJson(
    std::string_view json, std::string_view inputPointer, std::string_view outputPointer);

/// The tokens (countTokens) of the text at `pointer` in a JSON text: 0 when
/// it is not JSON or the pointer names no string.
std::uint64_t tokensOfTextAt(std::string_view json, std::string_view pointer);

/// Reads a text/event-stream in pieces as they pass (an upstream's stream)
/// and counts the tokens each event's data names, summed over the events.
/// Lines are cut at LF, CRLF or CR; a line longer than kMaxLine is skipped.
class SseTokenReader {
public:
    static constexpr std::size_t kMaxLine = 1 << 20;
    /// `outputTextPointer`, when set, names a text whose tokens count as
    /// output (an LLM chunk's "/choices/0/delta/content"), besides any count
    /// at `outputPointer`.
    SseTokenReader(
        std::string inputPointer, std::string outputPointer, std::string outputTextPointer = {});
    /// Returns what the events completed by `bytes` add.
    TokenCounts feed(std::string_view bytes);
    /// Events completed so far (those with a data field).
    std::uint64_t events() const { return m_events; }

private:
    void line(std::string_view text, TokenCounts* add);

    std::string m_input;
    std::string m_output;
    std::string m_outputText;
    std::uint64_t m_events = 0;
    std::string m_line; // the line being read
    std::string m_data; // the event's data lines so far
    bool m_hasData = false;
    bool m_overlong = false; // skipping the rest of a line past kMaxLine
    bool m_afterCr = false; // a CR ended the last line: an LF next belongs to it
};

} // namespace tollgate::server
