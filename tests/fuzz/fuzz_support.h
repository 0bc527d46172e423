#pragma once
// What every fuzzer shares: the input as text, and the rule that bad input
// may only end in Kanal's typed errors (kanal::Error, plugin::NetworkError).
// Anything else (another exception, a crash, a sanitizer report, a broken
// invariant) stops the fuzzer with the input that caused it.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>

#include "core/error.h"
#if __has_include("kanal/plugin/network.h")  // the fuzzers of a plugin's answers
#include "kanal/plugin/network.h"
#define KANAL_FUZZ_PLUGIN 1
#endif

namespace kanal::fuzz {

inline std::string_view text_of(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Runs `read`; a typed refusal of bad input is fine, anything else is a finding.
template <class Read>
void refused_or_read(Read&& read) {
  try {
    read();
  } catch (const Error&) {
#ifdef KANAL_FUZZ_PLUGIN
  } catch (const plugin::NetworkError&) {
#endif
  } catch (const std::exception& e) {
    std::fprintf(stderr, "untyped exception from bad input: %s\n", e.what());
    std::abort();
  }
}

// A broken invariant: say which, and stop.
[[noreturn]] inline void broken(const char* what) {
  std::fprintf(stderr, "invariant broken: %s\n", what);
  std::abort();
}

// The first byte picks one of `count` readers; the rest is that reader's input.
struct Choice {
  std::size_t which;
  std::string_view rest;
};
inline Choice choose(const std::uint8_t* data, std::size_t size, std::size_t count) {
  if (size == 0) return {0, {}};
  return {data[0] % count, text_of(data + 1, size - 1)};
}

}  // namespace kanal::fuzz
