# Every third-party dependency comes from Debian's packages. Debian ships no
# CMake targets for some of them; the shims below make imported targets so the
# rest of the build only ever links targets.

find_package(Threads REQUIRED)
find_package(PkgConfig REQUIRED)

# Poco's PostgreSQL connector asks for a target named PostgreSQL::client.
find_package(PostgreSQL REQUIRED)
if(NOT TARGET PostgreSQL::client)
  add_library(PostgreSQL::client INTERFACE IMPORTED)
  target_link_libraries(PostgreSQL::client INTERFACE PostgreSQL::PostgreSQL)
endif()
find_package(SQLite3 REQUIRED)  # the inbox benchmark measures raw inserts
find_package(Poco REQUIRED COMPONENTS Foundation Util Net Data DataSQLite DataPostgreSQL)

find_package(CURL REQUIRED)

# RapidJSON: header-only, config gives only RAPIDJSON_INCLUDE_DIRS.
find_package(RapidJSON REQUIRED)
if(NOT TARGET RapidJSON::RapidJSON)
  add_library(RapidJSON::RapidJSON INTERFACE IMPORTED)
  set_target_properties(RapidJSON::RapidJSON PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${RAPIDJSON_INCLUDE_DIRS}"
    INTERFACE_COMPILE_DEFINITIONS "RAPIDJSON_HAS_STDSTRING=1")
endif()

find_package(ICU REQUIRED COMPONENTS uc i18n)
find_package(date REQUIRED)  # Howard Hinnant's date (header-only part)
pkg_check_modules(sodium REQUIRED IMPORTED_TARGET libsodium)
pkg_check_modules(libsecret REQUIRED IMPORTED_TARGET libsecret-1)
pkg_check_modules(hunspell REQUIRED IMPORTED_TARGET hunspell)
pkg_check_modules(libical REQUIRED IMPORTED_TARGET libical)  # the schedule as iCalendar (RFC 5545)
pkg_check_modules(cairo REQUIRED IMPORTED_TARGET cairo)  # PDF reports; GUI tests read the screen through it

if(KANAL_BUILD_GUI)
  # FindwxWidgets gives variables, not a target: wrap them in one.
  find_package(wxWidgets 3.2 REQUIRED COMPONENTS html core base)
  if(NOT TARGET wx::wx)
    add_library(wx::wx INTERFACE IMPORTED)
    set(_wx_defs ${wxWidgets_DEFINITIONS})
    if(wxWidgets_DEFINITIONS_DEBUG AND CMAKE_BUILD_TYPE STREQUAL "Debug")
      list(APPEND _wx_defs ${wxWidgets_DEFINITIONS_DEBUG})
    endif()
    set_target_properties(wx::wx PROPERTIES
      INTERFACE_INCLUDE_DIRECTORIES "${wxWidgets_INCLUDE_DIRS}"
      INTERFACE_COMPILE_DEFINITIONS "${_wx_defs}"
      INTERFACE_LINK_LIBRARIES "${wxWidgets_LIBRARIES}")
  endif()
endif()

if(BUILD_TESTING)
  find_package(Catch2 2 REQUIRED)
  include(Catch)
endif()
