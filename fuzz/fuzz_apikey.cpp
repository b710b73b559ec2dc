// The API key parser: format and checksum check, the public prefix and the
// environment token, and the SHA-256 hash text the keys file holds.

#include "fuzzinput.h"

#include "server/access/apikey.h"

#include <string>

using namespace tollgate::server;
using tollgate::fuzz::asText;
using tollgate::fuzz::broken;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text = asText(data, size);
    const KeyFormat format = checkKeyFormat(text);
    if (format == KeyFormat::Ok) {
        const std::string prefix = keyPrefix(text);
        if (prefix.empty() || !text.starts_with(prefix))
            broken("fuzz_apikey", "a well-formed key has no prefix of itself");
    }
    keyEnvironmentToken(text);
    KeyDigest digest {};
    if (fromHex(text, &digest)) {
        // Either case parses; it prints in lower case.
        std::string lower(text);
        for (char& c : lower)
            c = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
        if (toHex(digest) != lower)
            broken("fuzz_apikey", "hex that parses does not print back the same");
    }
    std::int64_t seconds = 0;
    parseDuration(text, &seconds);
    return 0;
}
