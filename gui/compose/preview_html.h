#pragma once
// How each network will show a post, as HTML for wxHtmlWindow: the account's
// card with the text as the network lays it out (links shortened the way it
// shortens them, mentions and hashtags as links) and what lies past the
// limit marked in red.

#include <string>

#include "core/domain.h"
#include "core/network_descriptor.h"
#include "text/network_count.h"

namespace kanal::gui {

// `text` safe inside HTML, line breaks kept.
std::string html_escaped(std::string_view text);

// One card; `text` is what the account carries, `count` its count, laid
// out as its network's descriptor says.
std::string preview_card_html(const Account& account, const NetworkDescriptor& network, const std::string& text,
                              const text::Count& count);

// What a link looks like on the network: without the scheme (and "www."
// unless the network keeps it), cut to the length the network shows
// ("example.se/a-long-pa…").
std::string shown_link(const std::string& url, const TextRules& rules);

}  // namespace kanal::gui
