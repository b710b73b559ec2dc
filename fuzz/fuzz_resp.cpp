// The RESP2 reply reader of the Redis limiter: replies out of a byte stream
// that arrives in pieces. The first byte chooses the piece size, so replies
// cut at every place are read; small limits make the limit paths reachable.

#include "fuzzinput.h"

#include "server/access/redisprotocol.h"

#include <algorithm>

using namespace tollgate::server;
using tollgate::fuzz::broken;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0)
        return 0;
    const std::size_t piece = data[0] % 16 + 1;
    ++data;
    --size;
    RedisReplyParser parser(4096, 64, 8);
    RedisReply reply;
    for (std::size_t at = 0; at < size;) {
        const std::size_t n = std::min(piece, size - at);
        parser.feed(reinterpret_cast<const char*>(data) + at, n);
        at += n;
        for (;;) {
            const auto status = parser.next(&reply);
            if (status == RedisReplyParser::Status::Error) {
                if (parser.error().empty())
                    broken("fuzz_resp", "a protocol error without a reason");
                return 0;
            }
            if (status == RedisReplyParser::Status::Incomplete)
                break;
        }
    }
    return 0;
}
