#include "server/access/apikey.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <algorithm>
#include <charconv>
#include <memory>

namespace tollgate::server {

namespace {

constexpr std::string_view kBase62
    = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
constexpr std::size_t kMaxEnvToken = 12;

bool isBase62(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

// Big-endian bytes to exactly `digits` base62 digits (most significant first).
std::string toBase62(std::vector<unsigned char> bytes, std::size_t digits)
{
    std::string out(digits, '0');
    for (std::size_t i = digits; i-- > 0;) {
        unsigned remainder = 0;
        for (auto& b : bytes) {
            const unsigned value = (remainder << 8) | b;
            b = static_cast<unsigned char>(value / 62);
            remainder = value % 62;
        }
        out[i] = kBase62[remainder];
    }
    return out;
}

// CRC-32 (IEEE), table-driven: every keyed request checks one.
constexpr std::array<std::uint32_t, 256> kCrcTable = [] {
    std::array<std::uint32_t, 256> table {};
    for (std::uint32_t i = 0; i < 256; ++i) {
        std::uint32_t c = i;
        for (int k = 0; k < 8; ++k)
            c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
        table[i] = c;
    }
    return table;
}();

std::uint32_t crc32(std::string_view data)
{
    std::uint32_t crc = 0xFFFFFFFFu;
    for (char ch : data)
        crc = (crc >> 8) ^ kCrcTable[(crc ^ static_cast<unsigned char>(ch)) & 0xFFu];
    return ~crc;
}

std::array<char, kKeyChecksumDigits> checksumDigits(std::string_view body)
{
    std::uint64_t c = crc32(body);
    std::array<char, kKeyChecksumDigits> out {};
    for (std::size_t i = kKeyChecksumDigits; i-- > 0;) {
        out[i] = kBase62[c % 62];
        c /= 62;
    }
    return out;
}

bool randomBytes(unsigned char* out, int n, std::string* error)
{
    if (RAND_bytes(out, n) != 1) {
        if (error)
            *error = "the system random number generator failed";
        return false;
    }
    return true;
}

} // namespace

KeyFormat checkKeyFormat(std::string_view key)
{
    // tg_ + env (1..12 of [a-z0-9]) + _ + 49 base62 digits
    if (key.size() < 3 + 1 + 1 + kKeyPayloadDigits + kKeyChecksumDigits
        || key.size() > 3 + kMaxEnvToken + 1 + kKeyPayloadDigits + kKeyChecksumDigits
        || key.substr(0, 3) != "tg_")
        return KeyFormat::Malformed;
    const auto sep = key.find('_', 3);
    if (sep == std::string_view::npos || sep == 3 || sep - 3 > kMaxEnvToken)
        return KeyFormat::Malformed;
    for (std::size_t i = 3; i < sep; ++i) {
        const char c = key[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
            return KeyFormat::Malformed;
    }
    const auto rest = key.substr(sep + 1);
    if (rest.size() != kKeyPayloadDigits + kKeyChecksumDigits
        || !std::all_of(rest.begin(), rest.end(), isBase62))
        return KeyFormat::Malformed;
    const auto body = key.substr(0, key.size() - kKeyChecksumDigits);
    const auto expected = checksumDigits(body);
    if (std::string_view(expected.data(), expected.size())
        != key.substr(key.size() - kKeyChecksumDigits))
        return KeyFormat::BadChecksum;
    return KeyFormat::Ok;
}

std::string keyPrefix(std::string_view key)
{
    const auto sep = key.find('_', 3);
    if (sep == std::string_view::npos)
        return {};
    return std::string(key.substr(0, std::min(key.size(), sep + 1 + kKeyPrefixPayloadDigits)));
}

std::string keyEnvironmentToken(std::string_view environment)
{
    std::string lower;
    for (char c : environment) {
        if (c >= 'A' && c <= 'Z')
            lower += static_cast<char>(c - 'A' + 'a');
        else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            lower += c;
    }
    if (lower == "development" || lower == "dev" || lower.empty())
        return "dev";
    if (lower == "production" || lower == "prod" || lower == "live")
        return "live";
    if (lower == "staging")
        return "stg";
    if (lower.size() > kMaxEnvToken)
        lower.resize(kMaxEnvToken);
    return lower;
}

KeyDigest sha256(std::string_view data)
{
    // Every keyed request hashes its key. OpenSSL 3's one-shot SHA256()
    // fetches the algorithm, allocates and takes locks on each call (a tenth
    // of the request's CPU); a fetched digest and a per-thread context avoid
    // all three.
    static EVP_MD* const md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    thread_local const std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> ctx(
        EVP_MD_CTX_new(), EVP_MD_CTX_free);
    KeyDigest digest {};
    unsigned int length = 0;
    if (!md || !ctx || EVP_DigestInit_ex2(ctx.get(), md, nullptr) != 1
        || EVP_DigestUpdate(ctx.get(), data.data(), data.size()) != 1
        || EVP_DigestFinal_ex(ctx.get(), digest.data(), &length) != 1 || length != digest.size()) {
        // Never happens with a working libcrypto; the slow path is still right.
        SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest.data());
    }
    return digest;
}

std::string toHex(const KeyDigest& digest)
{
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(digest.size() * 2);
    for (unsigned char b : digest) {
        out += kHex[b >> 4];
        out += kHex[b & 15];
    }
    return out;
}

bool fromHex(std::string_view hex, KeyDigest* out)
{
    if (hex.size() != out->size() * 2)
        return false;
    for (std::size_t i = 0; i < out->size(); ++i) {
        unsigned value = 0;
        const auto r = std::from_chars(hex.data() + 2 * i, hex.data() + 2 * i + 2, value, 16);
        if (r.ec != std::errc() || r.ptr != hex.data() + 2 * i + 2)
            return false;
        (*out)[i] = static_cast<unsigned char>(value);
    }
    return true;
}

bool digestsEqual(const KeyDigest& a, const KeyDigest& b)
{
    return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

bool createKey(std::string_view environment, const KeyOptions& options, std::int64_t now,
    NewKey* out, std::string* error)
{
    std::vector<unsigned char> payload(32);
    unsigned char idBytes[6];
    if (!randomBytes(payload.data(), static_cast<int>(payload.size()), error)
        || !randomBytes(idBytes, sizeof idBytes, error))
        return false;
    std::string body = "tg_" + keyEnvironmentToken(environment) + "_"
        + toBase62(std::move(payload), kKeyPayloadDigits);
    const auto checksum = checksumDigits(body);
    std::string secret = body + std::string(checksum.data(), checksum.size());

    NewKey key;
    key.record.id = "key_" + toBase62({ idBytes, idBytes + sizeof idBytes }, 9);
    key.record.prefix = keyPrefix(secret);
    key.record.hash = toHex(sha256(secret));
    key.record.tier = options.tier;
    key.record.label = options.label;
    key.record.owner = options.owner;
    key.record.scopes = options.scopes;
    key.record.created = now;
    key.record.expires = options.expires;
    key.secret = std::move(secret);
    *out = std::move(key);
    return true;
}

const ApiKey* findKey(const std::vector<ApiKey>& keys, std::string_view id)
{
    const auto it
        = std::find_if(keys.begin(), keys.end(), [&](const ApiKey& k) { return k.id == id; });
    return it == keys.end() ? nullptr : &*it;
}

ApiKey* findKey(std::vector<ApiKey>& keys, std::string_view id)
{
    const auto it
        = std::find_if(keys.begin(), keys.end(), [&](const ApiKey& k) { return k.id == id; });
    return it == keys.end() ? nullptr : &*it;
}

bool rotateKey(std::vector<ApiKey>* keys, std::string_view id, std::int64_t graceSeconds,
    std::string_view environment, std::int64_t now, NewKey* out, std::string* error)
{
    ApiKey* old = findKey(*keys, id);
    if (!old) {
        if (error)
            *error = "no key with id " + std::string(id);
        return false;
    }
    if (keyState(*old, now) != KeyState::Active) {
        if (error)
            *error = "key " + std::string(id) + " is " + toString(keyState(*old, now))
                + "; only an active key can be rotated";
        return false;
    }
    KeyOptions options { old->tier, old->label, old->owner, old->scopes, 0 };
    NewKey fresh;
    if (!createKey(environment, options, now, &fresh, error))
        return false;
    fresh.record.rotatedFrom = old->id;
    const std::int64_t end = now + std::max<std::int64_t>(0, graceSeconds);
    if (old->expires == 0 || old->expires > end)
        old->expires = end;
    keys->push_back(fresh.record);
    *out = std::move(fresh);
    return true;
}

bool revokeKey(std::vector<ApiKey>* keys, std::string_view id, std::int64_t now, std::string* error)
{
    ApiKey* key = findKey(*keys, id);
    if (!key) {
        if (error)
            *error = "no key with id " + std::string(id);
        return false;
    }
    if (key->revoked == 0)
        key->revoked = now;
    return true;
}

KeyState keyState(const ApiKey& key, std::int64_t now)
{
    if (key.revoked > 0)
        return KeyState::Revoked;
    if (key.expires > 0 && now >= key.expires)
        return KeyState::Expired;
    return KeyState::Active;
}

const char* toString(KeyState state)
{
    switch (state) {
    case KeyState::Active:
        return "active";
    case KeyState::Expired:
        return "expired";
    case KeyState::Revoked:
        return "revoked";
    }
    return "active";
}

bool parseDuration(std::string_view text, std::int64_t* seconds)
{
    if (text.empty())
        return false;
    std::int64_t unit = 1;
    switch (text.back()) {
    case 's':
        text.remove_suffix(1);
        break;
    case 'm':
        unit = 60;
        text.remove_suffix(1);
        break;
    case 'h':
        unit = 3600;
        text.remove_suffix(1);
        break;
    case 'd':
        unit = 86400;
        text.remove_suffix(1);
        break;
    default:
        break;
    }
    std::int64_t n = 0;
    const auto r = std::from_chars(text.data(), text.data() + text.size(), n);
    if (text.empty() || r.ec != std::errc() || r.ptr != text.data() + text.size() || n < 0
        || n > (std::int64_t { 1 } << 40) / unit)
        return false;
    *seconds = n * unit;
    return true;
}

} // namespace tollgate::server
