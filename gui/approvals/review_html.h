#pragma once
// A submission as the Approvals view shows it (HTML for wxHtmlWindow): who
// submitted it and when, the steps and who took them, the policy's reasons
// per account, what changed since the reviewer last looked (removed words
// struck through in red, new ones in green), and everything that will be
// published — each part, each image's description, each account's own text.

#include <string>
#include <vector>

#include "api/wire/reviews.h"
#include "core/domain.h"

namespace kanal::gui {

// The content of a submission (its canonical JSON) as plain text to read
// and to compare: parts, image descriptions, per-account texts.
std::string readable_content(const std::string& content_json, const std::vector<Account>& accounts);

std::string review_html(const wire::ReviewView& view, const std::vector<Account>& accounts,
                        const std::vector<User>& users);

}  // namespace kanal::gui
