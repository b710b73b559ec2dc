#pragma once

// The SSRF guard of upstream routes (issue 14): an upstream host that
// resolves to an address inside the machine or its networks is refused
// before connecting, unless the workspace allows that address explicitly.

#include <boost/asio/ip/address.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tollgate::server {

/// What an address is, as far as reaching it from a proxy is concerned.
/// Everything but Public is refused unless allowed.
enum class AddressClass {
    Public,
    Unspecified, ///< 0.0.0.0/8, ::
    Loopback, ///< 127.0.0.0/8, ::1
    Private, ///< 10/8, 172.16/12, 192.168/16, fec0::/10
    CarrierNat, ///< 100.64.0.0/10
    LinkLocal, ///< 169.254.0.0/16, fe80::/10
    UniqueLocal, ///< fc00::/7
    CloudMetadata, ///< 169.254.169.254, 100.100.100.200, fd00:ec2::254
    Multicast, ///< 224.0.0.0/4, ff00::/8
    Reserved, ///< 240.0.0.0/4 and broadcast, documentation and benchmarking ranges
};

/// "loopback", "private", ... for messages and logs.
std::string_view addressClassName(AddressClass c);

/// The class of an address. An IPv6 address that carries an IPv4 one
/// (v4-mapped ::ffff:a.b.c.d, v4-compatible ::a.b.c.d, NAT64 64:ff9b::/96,
/// 6to4 2002::/16) is judged by the IPv4 address it reaches.
AddressClass classifyAddress(const boost::asio::ip::address& address);

/// The address a URL host names when it is an address literal in any form a
/// resolver accepts: a dotted quad; fewer parts, the last one filling the
/// remaining bytes ("127.1"); a single 32-bit number ("2130706433"); parts
/// in hex ("0x7f.1") or octal ("0177.0.0.1"); IPv6 with or without brackets.
/// Nothing when the host is a name (or not a valid literal).
std::optional<boost::asio::ip::address> parseAddressLiteral(std::string_view host);

/// An address range in CIDR notation ("10.0.0.0/8", "::1/128"); a bare
/// address is the range of that one address.
struct AddressRange {
    boost::asio::ip::address network;
    int prefix = 0;

    bool contains(const boost::asio::ip::address& address) const;
    /// Nothing, with the reason in error, when text is not a range.
    static std::optional<AddressRange> parse(std::string_view text, std::string* error);
};

/// Decides whether a proxy may connect to a resolved address.
class SsrfGuard {
public:
    explicit SsrfGuard(std::vector<AddressRange> allowed = {});

    /// Why the address must not be connected to, or nothing when it may.
    std::optional<std::string> refusal(const boost::asio::ip::address& address) const;

    const std::vector<AddressRange>& allowed() const { return m_allowed; }

private:
    std::vector<AddressRange> m_allowed;
};

} // namespace tollgate::server
