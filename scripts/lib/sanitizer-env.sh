# Sourced: the sanitizer runtime options for running tests, the same as the asan
# and tsan test presets set (CMakePresets.json). $1 (required: a sourced file
# without arguments sees its caller's) is the absolute path of the source tree
# the suppression files are read from.
_tollgate_src=$1
[[ "$_tollgate_src" == /* ]] ||
  { echo "sanitizer-env.sh: give the source tree's absolute path, not '$_tollgate_src'" >&2; return 1; }
# Leaks count (LeakSanitizer is part of ASan); UBSan stops at its first report.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:check_initialization_order=1:strict_init_order=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$_tollgate_src/tests/lsan.supp:print_suppressions=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export TSAN_OPTIONS=${TSAN_OPTIONS:-suppressions=$_tollgate_src/tests/tsan.supp:halt_on_error=1:die_after_fork=0}
unset _tollgate_src
