#pragma once

// Small helpers the harnesses share: the input as text, and cutting it into
// the parts a harness needs.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace tollgate::fuzz {

inline std::string_view asText(const std::uint8_t* data, std::size_t size)
{
    return { reinterpret_cast<const char*>(data), size };
}

/// Cuts `text` at the first `separator`: the part before it is returned and
/// *rest keeps what follows (empty when there is no separator).
inline std::string_view takeUntil(std::string_view* rest, std::string_view separator)
{
    const std::size_t at = rest->find(separator);
    const std::string_view head = rest->substr(0, at);
    *rest
        = at == std::string_view::npos ? std::string_view {} : rest->substr(at + separator.size());
    return head;
}

/// A broken invariant: the harness stops with a message libFuzzer reports as
/// a crash (and keeps the input).
[[noreturn]] inline void broken(const char* harness, const char* what)
{
    std::fprintf(stderr, "%s: %s\n", harness, what);
    std::abort();
}

} // namespace tollgate::fuzz
