# One interface target carries the warning flags and the Qt defines every
# Tollgate target is built with.
add_library(tollgate_warnings INTERFACE)
target_compile_options(tollgate_warnings INTERFACE -Wall -Wextra -Wpedantic)
if(TOLLGATE_WERROR)
  target_compile_options(tollgate_warnings INTERFACE -Werror)
endif()
target_compile_definitions(tollgate_warnings INTERFACE
  QT_NO_CAST_FROM_ASCII QT_NO_CONTEXTLESS_CONNECT QT_USE_QSTRINGBUILDER
  BOOST_ASIO_NO_DEPRECATED BOOST_BEAST_USE_STD_STRING_VIEW)
