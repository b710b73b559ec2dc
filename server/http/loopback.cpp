#include "server/http/loopback.h"

#include "server/common/text.h"

#include <boost/asio/ip/address.hpp>

namespace tollgate::server {

bool isLoopbackAddress(const std::string& address)
{
    if (iequals(address, "localhost"))
        return true;
    boost::system::error_code ec;
    const auto addr = boost::asio::ip::make_address(address, ec);
    return !ec && addr.is_loopback();
}

bool isLoopbackHost(std::string_view host)
{
    host = trimBlanks(host);
    if (host.empty())
        return false;
    if (host.front() == '[') {
        const auto close = host.find(']');
        if (close == std::string_view::npos)
            return false;
        return host.substr(1, close - 1) == "::1";
    }
    const auto colon = host.rfind(':');
    if (colon != std::string_view::npos)
        host = host.substr(0, colon);
    if (iequals(host, "localhost"))
        return true;
    if (host.size() > 10 && iequals(host.substr(host.size() - 10), ".localhost"))
        return true;
    return isLoopbackAddress(std::string(host));
}

} // namespace tollgate::server
