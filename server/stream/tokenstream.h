#pragma once

// A completion's text as an LLM API streams it: split into tokens, sent in
// OpenAI's chat.completion.chunk shape and ended by "[DONE]".

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tollgate::server {

/// Splits text into tokens the way an LLM tokenizer roughly does, about four
/// characters each for English prose: white space goes with the word after
/// it; a run of letters and digits is one token up to 8 bytes, longer runs
/// are cut every 6 bytes (never inside a UTF-8 sequence); any other
/// character is a token of its own. The tokens are views of `text`, and
/// joined they are `text` again.
std::vector<std::string_view> splitTokens(std::string_view text);

/// How many tokens splitTokens() makes of text (without the vector).
std::size_t countTokens(std::string_view text);

/// One chat.completion.chunk as JSON. The first chunk of a completion
/// carries the role, the content chunks the text, the last one
/// finish_reason "stop" and an empty delta.
struct ChatChunk {
    enum class Kind { Role, Content, Stop };
    Kind kind = Kind::Content;
    std::string_view id; ///< "chatcmpl-..." shared by the completion's chunks
    std::int64_t created = 0; ///< Unix seconds
    std::string_view model;
    std::string_view content; ///< Kind::Content
};
std::string chatChunkJson(const ChatChunk& chunk);

/// The usage chunk OpenAI sends last when the request asked for
/// stream_options.include_usage: no choices, the token counts.
std::string chatUsageChunkJson(std::string_view id, std::int64_t created, std::string_view model,
    std::uint64_t promptTokens, std::uint64_t completionTokens);

/// The data of the event that ends the stream.
inline constexpr std::string_view kChatDone = "[DONE]";

} // namespace tollgate::server
