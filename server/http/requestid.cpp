#include "server/http/requestid.h"

#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <random>

namespace tollgate::server {

namespace {

// Crockford's base32 alphabet in lower case: no i, l, o or u to misread.
constexpr char kAlphabet[] = "0123456789abcdefghjkmnpqrstvwxyz";
constexpr std::size_t kHalf = kRequestIdLength / 2; // 13 digits hold 64 bits

void encode(std::uint64_t value, char* out)
{
    for (std::size_t i = kHalf; i-- > 0;) {
        out[i] = kAlphabet[value & 31];
        value >>= 5;
    }
}

// Drawn once per process, so two runs (or two instances) never share ids.
const std::array<char, kHalf>& processPrefix()
{
    static const std::array<char, kHalf> prefix = [] {
        std::uint64_t value = 0;
        if (RAND_bytes(reinterpret_cast<unsigned char*>(&value), sizeof value) != 1) {
            std::random_device device;
            value = (std::uint64_t { device() } << 32) ^ device();
        }
        std::array<char, kHalf> text {};
        encode(value, text.data());
        return text;
    }();
    return prefix;
}

// Each thread counts through a block of 2^32 sequence numbers of its own; the
// shared counter is touched once per block, not per request.
constexpr int kBlockBits = 32;
std::atomic<std::uint64_t> g_nextBlock { 0 };

std::uint64_t nextSequence()
{
    thread_local std::uint64_t next = 0;
    thread_local std::uint64_t end = 0;
    if (next == end) {
        next = g_nextBlock.fetch_add(1, std::memory_order_relaxed) << kBlockBits;
        end = next + (std::uint64_t { 1 } << kBlockBits);
    }
    return next++;
}

} // namespace

bool isValidRequestId(std::string_view id)
{
    if (id.empty() || id.size() > kMaxRequestIdLength)
        return false;
    for (const char c : id) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
            || c == '.' || c == '_' || c == ':' || c == '-';
        if (!ok)
            return false;
    }
    return true;
}

void newRequestId(std::string* out)
{
    std::array<char, kRequestIdLength> text;
    const auto& prefix = processPrefix();
    std::copy(prefix.begin(), prefix.end(), text.begin());
    encode(nextSequence(), text.data() + kHalf);
    out->assign(text.data(), text.size());
}

} // namespace tollgate::server
