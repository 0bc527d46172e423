#pragma once
// A report as a PDF (A4): the figures per account, followers and likes over
// time, results per segment, the best time to post, the top posts, results
// per template and language, time to first answer and what the moderation
// did — the charts drawn by the same code as the app's Analytics view.

#include <filesystem>
#include <string>

#include "reports/report.h"

namespace kanal::reports {

// Error(unavailable) when the file cannot be written.
void write_pdf(const Report& report, const std::string& title, const std::filesystem::path& file);

}  // namespace kanal::reports
