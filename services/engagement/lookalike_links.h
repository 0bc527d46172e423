#pragma once
// Links in a comment whose domain imitates one of the agency's own — what a
// phishing comment carries: "forsakringskassan-se.com",
// "forsakringskassan.se.login-verify.net", "f0rsakringskassan.se",
// "försäkringskassan.se", "forsakringskasan.se". The agency's own domains and
// their subdomains are never flagged.

#include <string>
#include <string_view>
#include <vector>

namespace kanal::engagement {

struct LookalikeLink {
  std::string url;       // as written in the text
  std::string host;      // lower case
  std::string imitates;  // the agency domain it imitates
};

// `own_domains`: the agency's domains, e.g. {"forsakringskassan.se"}.
std::vector<LookalikeLink> find_lookalike_links(std::string_view text, const std::vector<std::string>& own_domains);

}  // namespace kanal::engagement
