#include "server/access/redisprotocol.h"

#include <charconv>
#include <utility>

namespace tollgate::server {

namespace {

// A status line, error or integer longer than this is not something Redis
// sends; refusing it bounds what a peer that never sends CRLF can make us hold.
constexpr std::size_t kMaxLine = 64 * 1024;

bool parseInteger(std::string_view s, std::int64_t* out)
{
    if (s.empty())
        return false;
    // from_chars accepts a leading '-' but not '+', which matches RESP.
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
    return ec == std::errc() && end == s.data() + s.size();
}

void appendBulk(std::string& out, std::string_view s)
{
    out += '$';
    out += std::to_string(s.size());
    out += "\r\n";
    out += s;
    out += "\r\n";
}

} // namespace

void appendRedisCommand(std::string& out, const std::vector<std::string_view>& args)
{
    out += '*';
    out += std::to_string(args.size());
    out += "\r\n";
    for (const auto& a : args)
        appendBulk(out, a);
}

RedisReplyParser::RedisReplyParser(std::size_t maxBulk, std::size_t maxElements, int maxDepth)
    : m_maxBulk(maxBulk)
    , m_maxElements(maxElements)
    , m_maxDepth(maxDepth)
{
}

void RedisReplyParser::feed(const char* data, std::size_t size)
{
    if (m_failed)
        return;
    // Drop what was consumed before growing, so the buffer stays about one
    // read's worth of bytes however long the connection lives.
    if (m_pos > 0 && (m_pos == m_buffer.size() || m_pos >= 4096)) {
        m_buffer.erase(0, m_pos);
        m_pos = 0;
    }
    m_buffer.append(data, size);
}

RedisReplyParser::Status RedisReplyParser::next(RedisReply* out)
{
    if (m_failed)
        return Status::Error;
    std::size_t pos = m_pos;
    RedisReply v;
    const Status s = parse(&pos, &v, 0);
    if (s == Status::Value) {
        m_pos = pos;
        *out = std::move(v);
    }
    return s;
}

RedisReplyParser::Status RedisReplyParser::fail(std::string why)
{
    m_failed = true;
    m_error = std::move(why);
    return Status::Error;
}

RedisReplyParser::Status RedisReplyParser::readLine(std::size_t* pos, std::string_view* line)
{
    const std::size_t cr = m_buffer.find("\r\n", *pos);
    if (cr == std::string::npos) {
        if (m_buffer.size() - *pos > kMaxLine)
            return fail("RESP line longer than 64 KiB");
        return Status::Incomplete;
    }
    if (cr - *pos > kMaxLine)
        return fail("RESP line longer than 64 KiB");
    *line = std::string_view(m_buffer).substr(*pos, cr - *pos);
    *pos = cr + 2;
    return Status::Value;
}

RedisReplyParser::Status RedisReplyParser::parse(std::size_t* pos, RedisReply* out, int depth)
{
    if (depth > m_maxDepth)
        return fail("RESP arrays nested too deeply");
    if (*pos >= m_buffer.size())
        return Status::Incomplete;
    const char kind = m_buffer[*pos];
    std::size_t p = *pos + 1;
    std::string_view line;
    if (const Status s = readLine(&p, &line); s != Status::Value)
        return s;

    switch (kind) {
    case '+':
        out->type = RedisReply::Type::SimpleString;
        out->text.assign(line);
        break;
    case '-':
        out->type = RedisReply::Type::Error;
        out->text.assign(line);
        break;
    case ':':
        out->type = RedisReply::Type::Integer;
        if (!parseInteger(line, &out->integer))
            return fail("RESP integer is not a number");
        break;
    case '$': {
        std::int64_t len = 0;
        if (!parseInteger(line, &len) || len < -1)
            return fail("RESP bulk length is not a length");
        if (len == -1) {
            out->type = RedisReply::Type::Nil;
            break;
        }
        if (static_cast<std::uint64_t>(len) > m_maxBulk)
            return fail("RESP bulk string larger than the limit");
        const auto n = static_cast<std::size_t>(len);
        if (m_buffer.size() - p < n + 2)
            return Status::Incomplete;
        if (m_buffer.compare(p + n, 2, "\r\n") != 0)
            return fail("RESP bulk string not terminated by CRLF");
        out->type = RedisReply::Type::BulkString;
        out->text.assign(m_buffer, p, n);
        p += n + 2;
        break;
    }
    case '*': {
        std::int64_t count = 0;
        if (!parseInteger(line, &count) || count < -1)
            return fail("RESP array length is not a length");
        if (count == -1) {
            out->type = RedisReply::Type::Nil;
            break;
        }
        if (static_cast<std::uint64_t>(count) > m_maxElements)
            return fail("RESP array longer than the limit");
        out->type = RedisReply::Type::Array;
        // Reserve only a little up front: the count is the peer's claim.
        out->elements.reserve(static_cast<std::size_t>(count < 64 ? count : 64));
        for (std::int64_t i = 0; i < count; ++i) {
            RedisReply element;
            if (const Status s = parse(&p, &element, depth + 1); s != Status::Value)
                return s;
            out->elements.push_back(std::move(element));
        }
        break;
    }
    default:
        return fail("not a RESP2 reply (type byte "
            + std::to_string(static_cast<unsigned char>(kind)) + ")");
    }
    *pos = p;
    return Status::Value;
}

} // namespace tollgate::server
