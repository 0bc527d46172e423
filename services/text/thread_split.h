#pragma once
// Splitting a long text into a thread that a network accepts: each part
// within the network's limit, cut at a sentence end where one fits, else
// between words, else between graphemes; never inside a URL, mention or
// hashtag. Optional numbering ("1/3") counts against the limit.

#include <string>
#include <string_view>
#include <vector>

#include "text/network_count.h"

namespace kanal::text {

struct ThreadOptions {
  bool numbering = false;
};

// The parts in order, trimmed of the spaces at the cuts. A text that fits
// comes back as one part. An entity longer than the limit on its own is
// kept whole in a part of its own (which then overflows).
std::vector<std::string> split_thread(std::string_view text, const CountRules& rules, ThreadOptions options = {});

}  // namespace kanal::text
