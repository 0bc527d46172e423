# kanal_add_test(TARGET LABEL label SOURCES ... LIBS ...
#                [DATABASES] [PROPERTIES ...])
# A Catch2 test program whose cases become CTest tests. With DATABASES, every
# case runs twice: on SQLite ("sqlite:" prefix) and on the throwaway
# PostgreSQL cluster ("postgresql:" prefix, needs the `postgres` fixture).
# (--name only gives the two discoveries distinct file names.) Catch's
# discovery flattens list-valued properties, so each property takes one value.
# A case whose name matches nothing fails (--warn NoTests) rather than passing
# empty: a ";" in a test name would otherwise hide a test.
function(kanal_add_test target)
  cmake_parse_arguments(T "DATABASES" "LABEL" "SOURCES;LIBS;PROPERTIES" ${ARGN})
  add_executable(${target} ${T_SOURCES})
  target_link_libraries(${target} PRIVATE ${T_LIBS} kanal::test_support Catch2::Catch2WithMain)
  kanal_target_defaults(${target})
  if(T_DATABASES)
    catch_discover_tests(${target} TEST_PREFIX "sqlite:" EXTRA_ARGS --name sqlite --warn NoTests
      PROPERTIES LABELS ${T_LABEL} ENVIRONMENT KANAL_TEST_DATABASE=sqlite ${T_PROPERTIES})
    catch_discover_tests(${target} TEST_PREFIX "postgresql:" EXTRA_ARGS --name postgresql --warn NoTests
      PROPERTIES LABELS ${T_LABEL} FIXTURES_REQUIRED postgres
                 ENVIRONMENT KANAL_TEST_DATABASE=postgresql ${T_PROPERTIES})
  else()
    catch_discover_tests(${target} EXTRA_ARGS --warn NoTests PROPERTIES LABELS ${T_LABEL} ${T_PROPERTIES})
  endif()
endfunction()
