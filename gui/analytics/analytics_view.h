#pragma once
// The Analytics view: for a period (this month, last month, the last 7, 30
// or 90 days, this year, or chosen days — days in the chosen time zone) and
// an account and audience segment, followers and likes over time, engagement per segment, the best
// time to post, the top posts, results per template and language, time to
// first answer and what the moderation did — charts with values on hover,
// tables that sort. Exported as PDF (the same charts) or CSV; kanald can
// write each month's report to a folder by itself.

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/datectrl.h>
#include <wx/notebook.h>
#include <wx/panel.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "analytics/chart_panel.h"
#include "analytics/figure_table.h"
#include "app/connection.h"
#include "core/executor.h"
#include "reports/report.h"

namespace kanal::gui {

class AnalyticsView final : public wxPanel {
 public:
  using StatusSink = std::function<void(const wxString&)>;
  using SaveChooser = std::function<std::optional<std::filesystem::path>(wxWindow* parent, const wxString& suggested,
                                                                         const wxString& wildcard)>;

  AnalyticsView(wxWindow* parent, Connection& connection, StatusSink status, SaveChooser choose_save);

  // Asks kanald for the period's figures and draws them.
  void reload();
  // Reads what is due from the networks now, then reloads.
  void refresh_figures();
  void export_pdf();
  void export_csv();
  void save_monthly_report();

  // What is shown (tests).
  const reports::Report* report() const { return report_.get(); }
  // From asking kanald to the charts drawn, for the last reload.
  std::optional<std::chrono::milliseconds> last_load_time() const { return load_time_; }

 private:
  void apply_period_choice();
  void show(reports::Report report);
  wxString title() const;
  std::optional<std::filesystem::path> choose(const wxString& suggested, const wxString& wildcard);
  // Writes the file on the exports' thread (never the UI's) and says how it went.
  void export_to(const std::filesystem::path& path, std::function<void(const std::filesystem::path&)> write);

  Connection& connection_;
  StatusSink status_;
  SaveChooser choose_save_;
  wxChoice* period_;
  wxDatePickerCtrl* from_;
  wxDatePickerCtrl* to_;
  wxChoice* account_;
  wxChoice* segment_;
  wxChoice* zone_;
  wxStaticText* summary_;
  ChartPanel* followers_;
  ChartPanel* likes_;
  ChartPanel* segment_likes_;
  ChartPanel* segments_;
  ChartPanel* heatmap_;
  FigureTable* accounts_table_;
  FigureTable* top_posts_;
  FigureTable* templates_;
  FigureTable* languages_;
  FigureTable* answer_times_;
  FigureTable* moderation_;
  wxTextCtrl* report_folder_;
  wxStaticText* report_note_;

  bool filters_loaded_ = false;                    // the accounts, segments and report folder: asked once
  std::vector<Account> accounts_;                  // the account filter's (index + 1)
  std::vector<std::string> segment_ids_;           // the segment filter's (index + 1)
  std::shared_ptr<const reports::Report> report_;  // the charts' layouts hold it too
  std::chrono::steady_clock::time_point asked_at_;
  std::optional<std::chrono::milliseconds> load_time_;
  int generation_ = 0;   // an answer to an older question is dropped
  Executor exports_{1};  // PDF and CSV are written here, off the UI thread
};

}  // namespace kanal::gui
