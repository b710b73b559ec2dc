#include "server/upstream/ssrfguard.h"

#include "server/common/text.h"

#include <array>
#include <charconv>
#include <cstdint>

namespace tollgate::server {

namespace ip = boost::asio::ip;

namespace {

constexpr std::uint32_t v4(int a, int b, int c, int d)
{
    return std::uint32_t(a) << 24 | std::uint32_t(b) << 16 | std::uint32_t(c) << 8 | std::uint32_t(d);
}

bool inRange(std::uint32_t address, std::uint32_t network, int prefix)
{
    return prefix == 0 || (address >> (32 - prefix)) == (network >> (32 - prefix));
}

AddressClass classifyV4(std::uint32_t a)
{
    if (a == v4(169, 254, 169, 254) || a == v4(100, 100, 100, 200))
        return AddressClass::CloudMetadata;
    if (inRange(a, v4(0, 0, 0, 0), 8))
        return AddressClass::Unspecified;
    if (inRange(a, v4(127, 0, 0, 0), 8))
        return AddressClass::Loopback;
    if (inRange(a, v4(10, 0, 0, 0), 8) || inRange(a, v4(172, 16, 0, 0), 12)
        || inRange(a, v4(192, 168, 0, 0), 16))
        return AddressClass::Private;
    if (inRange(a, v4(100, 64, 0, 0), 10))
        return AddressClass::CarrierNat;
    if (inRange(a, v4(169, 254, 0, 0), 16))
        return AddressClass::LinkLocal;
    if (inRange(a, v4(224, 0, 0, 0), 4))
        return AddressClass::Multicast;
    // 240/4 holds the broadcast address; the rest are protocol assignments,
    // documentation and benchmarking networks, never a real upstream.
    if (inRange(a, v4(240, 0, 0, 0), 4) || inRange(a, v4(192, 0, 0, 0), 24)
        || inRange(a, v4(192, 0, 2, 0), 24) || inRange(a, v4(198, 18, 0, 0), 15)
        || inRange(a, v4(198, 51, 100, 0), 24) || inRange(a, v4(203, 0, 113, 0), 24))
        return AddressClass::Reserved;
    return AddressClass::Public;
}

std::uint32_t v4At(const ip::address_v6::bytes_type& b, std::size_t at)
{
    return std::uint32_t(b[at]) << 24 | std::uint32_t(b[at + 1]) << 16
        | std::uint32_t(b[at + 2]) << 8 | std::uint32_t(b[at + 3]);
}

bool zeros(const ip::address_v6::bytes_type& b, std::size_t from, std::size_t to)
{
    for (std::size_t i = from; i < to; ++i) {
        if (b[i] != 0)
            return false;
    }
    return true;
}

AddressClass classifyV6(const ip::address_v6& address)
{
    const ip::address_v6::bytes_type b = address.to_bytes();
    if (zeros(b, 0, 16))
        return AddressClass::Unspecified;
    if (zeros(b, 0, 15) && b[15] == 1)
        return AddressClass::Loopback;
    // Forms that reach an IPv4 address.
    if (zeros(b, 0, 10) && b[10] == 0xff && b[11] == 0xff)
        return classifyV4(v4At(b, 12)); // v4-mapped
    if (zeros(b, 0, 12))
        return classifyV4(v4At(b, 12)); // v4-compatible (deprecated, still routed by some stacks)
    if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && zeros(b, 4, 12))
        return classifyV4(v4At(b, 12)); // NAT64 well-known prefix
    if (b[0] == 0x20 && b[1] == 0x02) {
        const AddressClass embedded = classifyV4(v4At(b, 2)); // 6to4
        if (embedded != AddressClass::Public)
            return embedded;
    }
    static constexpr std::array<unsigned char, 16> kAwsMetadata { 0xfd, 0x00, 0x0e, 0xc2, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0x02, 0x54 };
    if (std::equal(b.begin(), b.end(), kAwsMetadata.begin()))
        return AddressClass::CloudMetadata;
    if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80)
        return AddressClass::LinkLocal;
    if (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0)
        return AddressClass::Private; // site-local, deprecated
    if ((b[0] & 0xfe) == 0xfc)
        return AddressClass::UniqueLocal;
    if (b[0] == 0xff)
        return AddressClass::Multicast;
    if ((b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8) // documentation
        || (b[0] == 0x01 && zeros(b, 1, 8))) // discard-only 100::/64
        return AddressClass::Reserved;
    return AddressClass::Public;
}

// One part of an inet_aton address: decimal, octal after a leading 0, hex
// after 0x. Nothing when it has another character or exceeds 32 bits.
std::optional<std::uint64_t> parsePart(std::string_view s)
{
    if (s.empty())
        return std::nullopt;
    unsigned base = 10;
    if (s.size() > 1 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        base = 16;
        s.remove_prefix(2);
    } else if (s.size() > 1 && s[0] == '0') {
        base = 8;
        s.remove_prefix(1);
    }
    std::uint64_t value = 0;
    for (const char c : s) {
        const int digit = hexValue(c);
        if (digit < 0 || unsigned(digit) >= base)
            return std::nullopt;
        value = value * base + unsigned(digit);
        if (value > 0xffffffffu)
            return std::nullopt;
    }
    return value;
}

std::optional<ip::address_v4> parseInetAton(std::string_view host)
{
    if (!host.empty() && host.back() == '.')
        host.remove_suffix(1); // a fully qualified literal
    std::array<std::uint64_t, 4> parts {};
    std::size_t count = 0;
    while (true) {
        const std::size_t dot = host.find('.');
        if (count == parts.size())
            return std::nullopt;
        const std::optional<std::uint64_t> part = parsePart(host.substr(0, dot));
        if (!part)
            return std::nullopt;
        parts[count++] = *part;
        if (dot == std::string_view::npos)
            break;
        host.remove_prefix(dot + 1);
    }
    // The last part fills the bytes the others leave.
    std::uint64_t value = 0;
    for (std::size_t i = 0; i + 1 < count; ++i) {
        if (parts[i] > 0xff)
            return std::nullopt;
        value |= parts[i] << (24 - 8 * i);
    }
    const std::uint64_t lastMax = count == 1 ? 0xffffffffu : (std::uint64_t(1) << (8 * (5 - count))) - 1;
    if (parts[count - 1] > lastMax)
        return std::nullopt;
    value |= parts[count - 1];
    return ip::address_v4(std::uint32_t(value));
}

ip::address normalised(const ip::address& a)
{
    if (a.is_v6() && a.to_v6().is_v4_mapped())
        return ip::make_address_v4(ip::v4_mapped, a.to_v6());
    return a;
}

} // namespace

std::string_view addressClassName(AddressClass c)
{
    switch (c) {
    case AddressClass::Public:
        return "public";
    case AddressClass::Unspecified:
        return "unspecified";
    case AddressClass::Loopback:
        return "loopback";
    case AddressClass::Private:
        return "private";
    case AddressClass::CarrierNat:
        return "carrier-grade NAT";
    case AddressClass::LinkLocal:
        return "link-local";
    case AddressClass::UniqueLocal:
        return "unique-local";
    case AddressClass::CloudMetadata:
        return "cloud metadata";
    case AddressClass::Multicast:
        return "multicast";
    case AddressClass::Reserved:
        return "reserved";
    }
    return "unknown";
}

AddressClass classifyAddress(const ip::address& address)
{
    if (address.is_v4())
        return classifyV4(address.to_v4().to_uint());
    return classifyV6(address.to_v6());
}

std::optional<ip::address> parseAddressLiteral(std::string_view host)
{
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    if (host.empty())
        return std::nullopt;
    boost::system::error_code ec;
    if (host.find(':') != std::string_view::npos) {
        const ip::address_v6 a = ip::make_address_v6(std::string(host), ec);
        return ec ? std::nullopt : std::optional<ip::address>(a);
    }
    if (const std::optional<ip::address_v4> a = parseInetAton(host))
        return ip::address(*a);
    return std::nullopt;
}

bool AddressRange::contains(const ip::address& address) const
{
    const ip::address a = normalised(address);
    if (a.is_v4() != network.is_v4())
        return false;
    if (a.is_v4())
        return inRange(a.to_v4().to_uint(), network.to_v4().to_uint(), prefix);
    const auto x = a.to_v6().to_bytes();
    const auto n = network.to_v6().to_bytes();
    int bits = prefix;
    for (std::size_t i = 0; i < x.size() && bits > 0; ++i, bits -= 8) {
        const unsigned mask = bits >= 8 ? 0xffu : (0xffu << (8 - bits)) & 0xffu;
        if ((x[i] & mask) != (n[i] & mask))
            return false;
    }
    return true;
}

std::optional<AddressRange> AddressRange::parse(std::string_view text, std::string* error)
{
    const std::size_t slash = text.find('/');
    const std::string_view host = text.substr(0, slash);
    boost::system::error_code ec;
    std::string hostText(host.size() >= 2 && host.front() == '[' && host.back() == ']'
            ? host.substr(1, host.size() - 2)
            : host);
    const ip::address network = ip::make_address(hostText, ec);
    if (ec) {
        setError(error, "\"" + std::string(text) + "\" is not an address or a range (CIDR, such as 10.0.0.0/8)");
        return std::nullopt;
    }
    AddressRange range;
    range.network = normalised(network);
    const int full = range.network.is_v4() ? 32 : 128;
    range.prefix = full;
    if (slash != std::string_view::npos) {
        const std::string_view bits = text.substr(slash + 1);
        int prefix = -1;
        const auto [end, err] = std::from_chars(bits.data(), bits.data() + bits.size(), prefix);
        if (err != std::errc() || end != bits.data() + bits.size() || prefix < 0 || prefix > full) {
            setError(error, "\"" + std::string(text) + "\" has a prefix length outside 0 to " + std::to_string(full));
            return std::nullopt;
        }
        range.prefix = prefix;
    }
    return range;
}

SsrfGuard::SsrfGuard(std::vector<AddressRange> allowed)
    : m_allowed(std::move(allowed))
{
}

std::optional<std::string> SsrfGuard::refusal(const ip::address& address) const
{
    const AddressClass c = classifyAddress(address);
    if (c == AddressClass::Public)
        return std::nullopt;
    for (const AddressRange& range : m_allowed) {
        if (range.contains(address))
            return std::nullopt;
    }
    return address.to_string() + " is " + std::string(addressClassName(c))
        + ", not public: an upstream reaches it only when the workspace's upstream allowlist names it";
}

} // namespace tollgate::server
