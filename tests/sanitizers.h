#pragma once

// Which sanitizer a test binary is built with, for the few checks whose
// measure a sanitizer changes (resident memory under ASan's quarantine).
// GCC defines __SANITIZE_*__; clang answers __has_feature.

#if defined(__SANITIZE_ADDRESS__)
#define TOLLGATE_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TOLLGATE_TEST_ASAN 1
#endif
#endif

#if defined(__SANITIZE_THREAD__)
#define TOLLGATE_TEST_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define TOLLGATE_TEST_TSAN 1
#endif
#endif
