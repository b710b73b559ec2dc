# Install rules for the desktop integration files and the Debian package settings.
# Included from the top-level CMakeLists.txt; `cpack -G DEB` in a build directory
# then produces tollgate_<version>_<arch>.deb (scripts/package-check.sh checks it).
include(GNUInstallDirs)

set(_tollgate_pkg_dir ${CMAKE_CURRENT_LIST_DIR})
set(_tollgate_app_id io.tollgate.Tollgate)

# The desktop entry, metainfo and icon describe the GUI, so they ship with it.
if(TOLLGATE_BUILD_UI)
  install(FILES ${_tollgate_pkg_dir}/${_tollgate_app_id}.desktop
          DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
  install(FILES ${_tollgate_pkg_dir}/${_tollgate_app_id}.metainfo.xml
          DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
  install(FILES ${_tollgate_pkg_dir}/${_tollgate_app_id}.svg
          DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
endif()

# Validate the files in both CI legs when the validators are there (desktop-file-utils,
# appstream); a missing validator is not a failure, a failing one is.
if(TOLLGATE_BUILD_TESTS)
  find_program(TOLLGATE_DESKTOP_FILE_VALIDATE desktop-file-validate)
  find_program(TOLLGATE_APPSTREAMCLI appstreamcli)
  if(TOLLGATE_DESKTOP_FILE_VALIDATE)
    add_test(NAME packaging/desktop-file
             COMMAND ${TOLLGATE_DESKTOP_FILE_VALIDATE} ${_tollgate_pkg_dir}/${_tollgate_app_id}.desktop)
  endif()
  if(TOLLGATE_APPSTREAMCLI)
    add_test(NAME packaging/metainfo
             COMMAND ${TOLLGATE_APPSTREAMCLI} validate --no-net
                     ${_tollgate_pkg_dir}/${_tollgate_app_id}.metainfo.xml)
  endif()
endif()

set(CPACK_PACKAGE_NAME tollgate)
set(CPACK_PACKAGE_VENDOR "The Tollgate developers")
set(CPACK_PACKAGE_CONTACT "The Tollgate developers <dev@tollgate.invalid>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Native API workbench: design, serve, meter and price APIs")
set(CPACK_PACKAGE_DESCRIPTION
    "Tollgate runs a fast local HTTP server for the routes you design and shows how\n"
    "your API behaves for each pricing tier: API keys, rate limits and quotas, test\n"
    "requests, load tests and live charts of latency, errors, cost and revenue.\n"
    "tollgated is the headless server for CI and containers.")
string(JOIN "" CPACK_PACKAGE_DESCRIPTION ${CPACK_PACKAGE_DESCRIPTION})
set(CPACK_PACKAGE_HOMEPAGE_URL ${PROJECT_HOMEPAGE_URL})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)

set(CPACK_GENERATOR DEB)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER ${CPACK_PACKAGE_CONTACT})
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
# Library dependencies come from dpkg-shlibdeps; Qt's platform and SVG icon plugins
# are loaded at run time, so shlibdeps cannot see them (Debian 12 ships the SVG
# plugins in libqt6svg6, Debian 13 in qt6-svg-plugins).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
if(TOLLGATE_BUILD_UI)
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins, qt6-svg-plugins | libqt6svg6")
  set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "fonts-dejavu-core")
endif()

set(CPACK_SOURCE_GENERATOR TXZ)
set(CPACK_SOURCE_IGNORE_FILES "/\\\\.git/" "/build/" "/build-[^/]*/" "/\\\\.tollgate/")

include(CPack)
