#pragma once

// API keys: format, generation, hashing and the operations on a key list that
// the panel and `tollgated keys` share.
//
// A key reads tg_<env>_<payload><checksum>: env is a short lowercase token
// ("dev", "live"), payload is 256 bits from the OS CSPRNG in 43 base62 digits
// and checksum is the CRC-32 of everything before it in 6 base62 digits, so a
// mistyped or truncated key is refused without touching the key index. Only
// the SHA-256 of a key is ever stored.

#include "server/workspace/workspace.h"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tollgate::server {

using KeyDigest = std::array<unsigned char, 32>;

inline constexpr std::size_t kKeyPayloadDigits = 43;
inline constexpr std::size_t kKeyChecksumDigits = 6;
inline constexpr std::size_t kKeyPrefixPayloadDigits = 8; ///< shown after tg_<env>_

enum class KeyFormat {
    Ok,
    Malformed, ///< not tg_<env>_<49 base62 digits>
    BadChecksum, ///< well-formed but the checksum does not match
};

KeyFormat checkKeyFormat(std::string_view key);

/// "tg_dev_AbCd1234": the part of a key that may be shown and stored.
/// Only meaningful for keys that pass checkKeyFormat.
std::string keyPrefix(std::string_view key);

/// Short environment token for the key text: development -> dev,
/// production -> live, staging -> stg, others lowercased to [a-z0-9], max 12.
std::string keyEnvironmentToken(std::string_view environment);

KeyDigest sha256(std::string_view data);
std::string toHex(const KeyDigest& digest);
bool fromHex(std::string_view hex, KeyDigest* out);
/// Constant-time comparison (CRYPTO_memcmp).
bool digestsEqual(const KeyDigest& a, const KeyDigest& b);

/// A freshly created key: `secret` is the only copy of the key text and must
/// be shown once and dropped.
struct NewKey {
    std::string secret;
    ApiKey record;
};

struct KeyOptions {
    std::string tier;
    std::string label;
    std::string owner;
    std::vector<std::string> scopes;
    std::int64_t expires = 0; ///< Unix seconds, 0 = never
};

/// Creates a key with 256 bits from RAND_bytes. False (with *error) only when
/// the CSPRNG fails.
bool createKey(std::string_view environment, const KeyOptions& options, std::int64_t now,
    NewKey* out, std::string* error);

/// Creates the successor of keys[id] (same tier, scopes, label, owner) and
/// lets the old key expire `graceSeconds` from now (or sooner if it already
/// expires sooner). Appends the new key to *keys.
bool rotateKey(std::vector<ApiKey>* keys, std::string_view id, std::int64_t graceSeconds,
    std::string_view environment, std::int64_t now, NewKey* out, std::string* error);

/// Marks keys[id] revoked at `now`. False when there is no such key.
bool revokeKey(
    std::vector<ApiKey>* keys, std::string_view id, std::int64_t now, std::string* error);

/// The key with this id, or nullptr.
const ApiKey* findKey(const std::vector<ApiKey>& keys, std::string_view id);
ApiKey* findKey(std::vector<ApiKey>& keys, std::string_view id);

enum class KeyState { Active, Expired, Revoked };
KeyState keyState(const ApiKey& key, std::int64_t now);
const char* toString(KeyState state);

/// "24h", "90m", "30s", "7d" or plain seconds; false when malformed.
bool parseDuration(std::string_view text, std::int64_t* seconds);

} // namespace tollgate::server
