#include "server/stream/tokenstream.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace tollgate::server {

namespace json = boost::json;

namespace {

bool isWordByte(unsigned char c)
{
    // Bytes of UTF-8 sequences count as letters: words in other scripts stay words.
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

bool isSpace(char c)
{
    return c == ' ' || c == '\t';
}

constexpr std::size_t kWholeWordBytes = 8;
constexpr std::size_t kPieceBytes = 6;

/// The length of the token at the start of text (text not empty).
std::size_t tokenLength(std::string_view text)
{
    std::size_t i = 0;
    while (i < text.size() && isSpace(text[i]))
        ++i;
    if (i == text.size())
        return i; // trailing white space
    if (!isWordByte(static_cast<unsigned char>(text[i])))
        return i + 1;
    std::size_t end = i;
    while (end < text.size() && isWordByte(static_cast<unsigned char>(text[end])))
        ++end;
    if (end - i <= kWholeWordBytes)
        return end;
    std::size_t cut = i + kPieceBytes;
    // Not inside a UTF-8 sequence: continuation bytes are 10xxxxxx.
    while (cut < end && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
        ++cut;
    return cut;
}

json::object chunkHead(std::string_view id, std::int64_t created, std::string_view model)
{
    json::object o;
    o["id"] = id;
    o["object"] = "chat.completion.chunk";
    o["created"] = created;
    o["model"] = model;
    return o;
}

} // namespace

std::vector<std::string_view> splitTokens(std::string_view text)
{
    std::vector<std::string_view> tokens;
    while (!text.empty()) {
        const std::size_t n = tokenLength(text);
        tokens.push_back(text.substr(0, n));
        text.remove_prefix(n);
    }
    return tokens;
}

std::size_t countTokens(std::string_view text)
{
    std::size_t count = 0;
    while (!text.empty()) {
        text.remove_prefix(tokenLength(text));
        ++count;
    }
    return count;
}

std::string chatChunkJson(const ChatChunk& c)
{
    json::object o = chunkHead(c.id, c.created, c.model);
    json::object delta;
    switch (c.kind) {
    case ChatChunk::Kind::Role:
        delta["role"] = "assistant";
        delta["content"] = "";
        break;
    case ChatChunk::Kind::Content:
        delta["content"] = c.content;
        break;
    case ChatChunk::Kind::Stop:
        break;
    }
    json::object choice;
    choice["index"] = 0;
    choice["delta"] = std::move(delta);
    choice["logprobs"] = nullptr;
    if (c.kind == ChatChunk::Kind::Stop)
        choice["finish_reason"] = "stop";
    else
        choice["finish_reason"] = nullptr;
    o["choices"] = json::array { std::move(choice) };
    return json::serialize(o);
}

std::string chatUsageChunkJson(std::string_view id, std::int64_t created, std::string_view model,
    std::uint64_t promptTokens, std::uint64_t completionTokens)
{
    json::object o = chunkHead(id, created, model);
    o["choices"] = json::array {};
    json::object usage;
    usage["prompt_tokens"] = promptTokens;
    usage["completion_tokens"] = completionTokens;
    usage["total_tokens"] = promptTokens + completionTokens;
    o["usage"] = std::move(usage);
    return json::serialize(o);
}

} // namespace tollgate::server
