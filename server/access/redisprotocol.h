#pragma once

// RESP2, the Redis wire protocol, as far as a client that sends commands and
// reads their replies needs it: an encoder for commands and an incremental
// reply parser. Written here rather than taken from hiredis because the Redis
// limiter lives on the engine's Asio threads and only needs these ~200 lines.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tollgate::server {

/// One reply. RESP2 has five kinds, plus the null bulk string / null array.
struct RedisReply {
    enum class Type { SimpleString, Error, Integer, BulkString, Array, Nil };
    Type type = Type::Nil;
    std::string text; ///< SimpleString, Error, BulkString
    std::int64_t integer = 0; ///< Integer
    std::vector<RedisReply> elements; ///< Array

    bool isError() const { return type == Type::Error; }
};

/// Appends one command (an array of bulk strings) to `out`, ready to write.
void appendRedisCommand(std::string& out, const std::vector<std::string_view>& args);

/// Reads replies out of a byte stream that arrives in arbitrary pieces.
/// A reply that has not fully arrived is parsed again from its start once more
/// bytes are there; replies here are a few dozen bytes, so that is cheaper
/// than keeping a resumable state machine.
class RedisReplyParser {
public:
    enum class Status {
        Incomplete, ///< feed more bytes
        Value, ///< one reply was taken out
        Error, ///< the stream is not RESP (or exceeds the limits): drop the connection
    };

    /// Bulk strings beyond maxBulk bytes, arrays beyond maxElements or nested
    /// deeper than maxDepth count as protocol errors, so a confused or hostile
    /// peer cannot make the client buffer without bound.
    explicit RedisReplyParser(
        std::size_t maxBulk = 16u << 20, std::size_t maxElements = 1u << 20, int maxDepth = 16);

    void feed(const char* data, std::size_t size);
    Status next(RedisReply* out);
    /// Why the last next() returned Error.
    const std::string& error() const { return m_error; }
    /// Bytes received but not yet consumed by a complete reply.
    std::size_t buffered() const { return m_buffer.size() - m_pos; }

private:
    Status parse(std::size_t* pos, RedisReply* out, int depth);
    Status readLine(std::size_t* pos, std::string_view* line);
    Status fail(std::string why);

    std::string m_buffer;
    std::size_t m_pos = 0;
    std::size_t m_maxBulk;
    std::size_t m_maxElements;
    int m_maxDepth;
    std::string m_error;
    bool m_failed = false;
};

} // namespace tollgate::server
