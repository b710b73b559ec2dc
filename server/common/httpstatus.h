#pragma once

namespace tollgate::server {

/// The IANA reason phrase of a status code ("Not Found"), empty when the
/// code has none here. Protocol text: the same in every language.
const char* reasonPhrase(int status);

} // namespace tollgate::server
