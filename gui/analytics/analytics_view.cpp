#include "analytics/analytics_view.h"

#include <wx/dateevt.h>
#include <wx/sizer.h>
#include <wx/wrapsizer.h>

#include "app/async.h"
#include "reports/chart.h"
#include "reports/report_csv.h"
#include "reports/report_pdf.h"
#include "schedule/zones.h"
#include "scheduling/wall_clock.h"

namespace kanal::gui {
namespace {

enum PeriodChoice { kThisMonth, kLastMonth, kLast7, kLast30, kLast90, kThisYear, kChosen };

// A date picker's day: its start in `zone`.
Timestamp day_start(const wxDateTime& day, const std::string& zone) {
  const date::year_month_day ymd{date::year(day.GetYear()), date::month(unsigned(day.GetMonth()) + 1),
                                 date::day(unsigned(day.GetDay()))};
  return scheduling::to_utc(scheduling::LocalTime{date::local_days{ymd}}, zone);
}

std::optional<double> as_double(const std::optional<std::int64_t>& value) {
  return value ? std::optional<double>(double(*value)) : std::nullopt;
}

FigureCell count(std::int64_t value) { return figure(double(value)); }

std::vector<std::vector<FigureCell>> group_rows(const std::vector<reports::GroupRow>& groups) {
  std::vector<std::vector<FigureCell>> rows;
  for (const auto& group : groups) {
    rows.push_back({words(group.key.empty() ? "(none)" : group.key), count(group.posts), figure(as_double(group.likes)),
                    figure(as_double(group.shares)), figure(as_double(group.replies)),
                    figure(group.engagement_per_post(), 1)});
  }
  return rows;
}

std::vector<FigureColumn> group_columns(const wxString& first) {
  return {{first, 200, false}, {_("Posts"), 70},   {_("Likes"), 70},
          {_("Shares"), 70},   {_("Replies"), 70}, {_("Per post"), 80}};
}

wxPanel* add_page(wxNotebook* book, const wxString& title) {
  auto* page = new wxPanel(book);
  book->AddPage(page, title);
  return page;
}

// `parts` one above the other, each taking its share of the height.
void stack(wxWindow* page, const std::vector<std::pair<wxWindow*, int>>& parts) {
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  for (const auto& [part, share] : parts)
    sizer->Add(part, wxSizerFlags(share).Expand().Border(wxALL, page->FromDIP(4)));
  page->SetSizer(sizer);
}

// Two windows side by side on a panel of their own.
template <class Left, class Right>
wxPanel* side_by_side(wxWindow* parent, Left make_left, Right make_right) {
  auto* row = new wxPanel(parent);
  auto* left = make_left(row);
  auto* right = make_right(row);
  auto* sizer = new wxBoxSizer(wxHORIZONTAL);
  sizer->Add(left, wxSizerFlags(1).Expand().Border(wxRIGHT, row->FromDIP(4)));
  sizer->Add(right, wxSizerFlags(1).Expand());
  row->SetSizer(sizer);
  return row;
}

}  // namespace

AnalyticsView::AnalyticsView(wxWindow* parent, Connection& connection, StatusSink status, SaveChooser choose_save)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, "analytics_view"),
      connection_(connection),
      status_(std::move(status)),
      choose_save_(std::move(choose_save)) {
  period_ = new wxChoice(this, wxID_ANY);
  period_->SetName("analytics_period");
  for (const auto& name : {_("This month"), _("Last month"), _("Last 7 days"), _("Last 30 days"), _("Last 90 days"),
                           _("This year"), _("Chosen days")}) {
    period_->Append(name);
  }
  period_->SetSelection(kThisMonth);
  from_ = new wxDatePickerCtrl(this, wxID_ANY);
  from_->SetName("analytics_from");
  to_ = new wxDatePickerCtrl(this, wxID_ANY);
  to_->SetName("analytics_to");
  const wxSize narrow(FromDIP(wxSize(170, -1)));
  account_ = new wxChoice(this, wxID_ANY, wxDefaultPosition, narrow);
  account_->SetName("analytics_account");
  account_->Append(_("All accounts"));
  account_->SetSelection(0);
  segment_ = new wxChoice(this, wxID_ANY, wxDefaultPosition, narrow);
  segment_->SetName("analytics_segment");
  segment_->Append(_("All segments"));
  segment_->SetSelection(0);
  zone_ = new wxChoice(this, wxID_ANY, wxDefaultPosition, narrow);
  zone_->SetName("analytics_zone");
  auto zone_names = zones();
  if (std::find(zone_names.begin(), zone_names.end(), local_zone()) == zone_names.end()) {
    zone_names.insert(zone_names.begin(), local_zone());
  }
  for (const auto& zone : zone_names) zone_->Append(wxString::FromUTF8(zone));
  zone_->SetStringSelection(wxString::FromUTF8(local_zone()));
  const auto button = [this](const wxString& label, const char* name) {
    return new wxButton(this, wxID_ANY, label, wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator, name);
  };
  auto* show_button = button(_("Show"), "analytics_show");
  auto* refresh = button(_("&Refresh figures"), "analytics_refresh");
  refresh->SetToolTip(_("Read the likes and followers that are due from the networks now"));
  auto* pdf = button(_("Export &PDF…"), "analytics_export_pdf");
  auto* csv = button(_("Export &CSV…"), "analytics_export_csv");
  summary_ = new wxStaticText(this, wxID_ANY, "");
  summary_->SetName("analytics_summary");

  auto* book = new wxNotebook(this, wxID_ANY);
  book->SetName("analytics_pages");
  const wxSize chart(FromDIP(wxSize(420, 220)));
  auto* overview = add_page(book, _("Overview"));
  accounts_table_ = new FigureTable(overview, "analytics_accounts",
                                    {{_("Account"), 200, false},
                                     {_("Followers"), 80},
                                     {_("Growth"), 70},
                                     {_("Posts"), 60},
                                     {_("Likes"), 60},
                                     {_("Shares"), 60},
                                     {_("Replies"), 60},
                                     {_("Per post per 1,000"), 120},
                                     {_("Median answer (min)"), 130}});
  auto* charts = side_by_side(
      overview, [&](wxWindow* row) { return followers_ = new ChartPanel(row, "analytics_followers_chart", chart); },
      [&](wxWindow* row) { return likes_ = new ChartPanel(row, "analytics_likes_chart", chart); });
  stack(overview, {{accounts_table_, 1}, {charts, 2}});

  auto* by_segment = add_page(book, _("Segments and templates"));
  auto* segment_charts = side_by_side(
      by_segment, [&](wxWindow* row) { return segments_ = new ChartPanel(row, "analytics_segment_chart", chart); },
      [&](wxWindow* row) { return segment_likes_ = new ChartPanel(row, "analytics_segment_likes_chart", chart); });
  auto* tables = side_by_side(
      by_segment,
      [&](wxWindow* row) {
        return templates_ = new FigureTable(row, "analytics_templates", group_columns(_("Template")));
      },
      [&](wxWindow* row) {
        return languages_ = new FigureTable(row, "analytics_languages", group_columns(_("Language")));
      });
  stack(by_segment, {{segment_charts, 3}, {tables, 2}});

  auto* posts = add_page(book, _("Posts and best times"));
  top_posts_ = new FigureTable(posts, "analytics_top_posts",
                               {{_("Published"), 150, false},
                                {_("Account"), 160, false},
                                {_("Post"), 320, false},
                                {_("Likes"), 60},
                                {_("Shares"), 60},
                                {_("Replies"), 60},
                                {_("Per 1,000 followers"), 130}});
  heatmap_ = new ChartPanel(posts, "analytics_heatmap", FromDIP(wxSize(600, 200)));
  stack(posts, {{top_posts_, 1}, {heatmap_, 1}});

  auto* inbox = add_page(book, _("Answers and moderation"));
  answer_times_ = new FigureTable(inbox, "analytics_answer_times",
                                  {{_("Account"), 200, false},
                                   {_("Week"), 100, false},
                                   {_("Answered"), 80},
                                   {_("Waiting"), 80},
                                   {_("Median (min)"), 100}});
  moderation_ = new FigureTable(inbox, "analytics_moderation",
                                {{_("Account"), 200, false},
                                 {_("Category"), 120, false},
                                 {_("Action"), 120, false},
                                 {_("Comments"), 90},
                                 {_("Hidden"), 80}});
  stack(inbox, {{answer_times_, 1}, {moderation_, 1}});

  auto* monthly = add_page(book, _("Monthly report"));
  auto* explain = new wxStaticText(monthly, wxID_ANY,
                                   _("When a month ends, kanald writes its report — PDF and CSV, every account — "
                                     "into this folder by itself. Leave it empty for none."));
  report_folder_ = new wxTextCtrl(monthly, wxID_ANY, "");
  report_folder_->SetName("analytics_report_folder");
  report_folder_->SetHint(_("/home/comms/Reports"));
  auto* save = new wxButton(monthly, wxID_ANY, _("Save"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                            "analytics_report_save");
  report_note_ = new wxStaticText(monthly, wxID_ANY, "");
  auto* folder_row = new wxBoxSizer(wxHORIZONTAL);
  folder_row->Add(report_folder_, wxSizerFlags(1).Border(wxRIGHT, FromDIP(6)));
  folder_row->Add(save);
  auto* monthly_sizer = new wxBoxSizer(wxVERTICAL);
  monthly_sizer->Add(explain, wxSizerFlags().Border(wxALL, FromDIP(8)));
  monthly_sizer->Add(folder_row, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT, FromDIP(8)));
  monthly_sizer->Add(report_note_, wxSizerFlags().Border(wxALL, FromDIP(8)));
  monthly->SetSizer(monthly_sizer);

  auto* filters = new wxWrapSizer(wxHORIZONTAL);  // wraps in a narrow window
  const auto label = [&](const wxString& text) {
    filters->Add(new wxStaticText(this, wxID_ANY, text), wxSizerFlags().Centre().Border(wxRIGHT, FromDIP(4)));
  };
  filters->Add(period_, wxSizerFlags().Border(wxRIGHT, FromDIP(6)));
  filters->Add(from_, wxSizerFlags().Border(wxRIGHT, FromDIP(4)));
  label(_("to"));
  filters->Add(to_, wxSizerFlags().Border(wxRIGHT, FromDIP(10)));
  filters->Add(account_, wxSizerFlags().Border(wxRIGHT, FromDIP(6)));
  filters->Add(segment_, wxSizerFlags().Border(wxRIGHT, FromDIP(6)));
  label(_("Days in"));
  filters->Add(zone_, wxSizerFlags().Border(wxRIGHT, FromDIP(10)));
  filters->Add(show_button);
  auto* actions = new wxBoxSizer(wxHORIZONTAL);
  actions->Add(summary_, wxSizerFlags(1).Centre());
  actions->Add(refresh, wxSizerFlags().Border(wxRIGHT, FromDIP(6)));
  actions->Add(pdf, wxSizerFlags().Border(wxRIGHT, FromDIP(6)));
  actions->Add(csv);
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(filters, wxSizerFlags().Expand().Border(wxALL, FromDIP(8)));
  sizer->Add(actions, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(8)));
  sizer->Add(book, wxSizerFlags(1).Expand());
  SetSizer(sizer);
  apply_period_choice();

  period_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) {
    apply_period_choice();
    reload();
  });
  const auto chosen_days = [this](wxDateEvent&) { period_->SetSelection(kChosen); };
  from_->Bind(wxEVT_DATE_CHANGED, chosen_days);
  to_->Bind(wxEVT_DATE_CHANGED, chosen_days);
  for (auto* choice : {account_, segment_, zone_}) choice->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { reload(); });
  show_button->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { reload(); });
  refresh->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { refresh_figures(); });
  pdf->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { export_pdf(); });
  csv->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { export_csv(); });
  save->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { save_monthly_report(); });
}

void AnalyticsView::apply_period_choice() {
  const auto today = wxDateTime::Today();
  wxDateTime from = today, to = today;
  switch (period_->GetSelection()) {
    case kThisMonth: from = wxDateTime(1, today.GetMonth(), today.GetYear()); break;
    case kLastMonth: {
      const auto first = wxDateTime(1, today.GetMonth(), today.GetYear());
      from = first - wxDateSpan::Month();
      to = first - wxDateSpan::Day();
      break;
    }
    case kLast7: from = today - wxDateSpan::Days(6); break;
    case kLast30: from = today - wxDateSpan::Days(29); break;
    case kLast90: from = today - wxDateSpan::Days(89); break;
    case kThisYear: from = wxDateTime(1, wxDateTime::Jan, today.GetYear()); break;
    default: return;  // the days the person chose
  }
  from_->SetValue(from);
  to_->SetValue(to);
}

void AnalyticsView::reload() {
  auto api = connection_.api();
  if (!api) return;
  if (!filters_loaded_) {
    filters_loaded_ = true;
    then_on_window(
        this, api->accounts(),
        [this](std::vector<Account>& accounts) {
          accounts_ = std::move(accounts);
          for (const auto& account : accounts_) account_->Append(wxString::FromUTF8(account.handle));
        },
        [this](const Error&) { filters_loaded_ = false; });  // asked again next time; the report shows every account
    then_on_window(
        this, api->templates(),
        [this](text::Catalog& catalog) {
          for (const auto& segment : catalog.segments) {
            segment_ids_.push_back(segment.id);
            segment_->Append(wxString::FromUTF8(segment.name));
          }
        },
        [](const Error&) {});
    then_on_window(
        this, api->report_settings(),
        [this](wire::ReportSettingsInfo& settings) {
          report_folder_->ChangeValue(wxString::FromUTF8(settings.folder));
        },
        [](const Error&) {});
  }
  wire::AnalyticsQuery query;
  query.zone = zone_->GetStringSelection().utf8_string();
  query.from = day_start(from_->GetValue(), query.zone);
  query.to = day_start(to_->GetValue() + wxDateSpan::Day(), query.zone);
  if (query.to <= query.from) {
    status_(_("The period ends before it starts."));
    return;
  }
  if (const int account = account_->GetSelection(); account > 0) {
    query.accounts.push_back(accounts_.at(static_cast<std::size_t>(account - 1)).id);
  }
  if (const int segment = segment_->GetSelection(); segment > 0) {
    query.segment = segment_ids_.at(static_cast<std::size_t>(segment - 1));
  }
  asked_at_ = std::chrono::steady_clock::now();
  const int generation = ++generation_;
  summary_->SetLabel(_("Reading the figures…"));
  then_on_window(
      this, api->analytics(query),
      [this, generation](reports::Report& report) {
        if (generation != generation_) return;  // the person asked for another period meanwhile
        show(std::move(report));
      },
      [this, generation](const Error& e) {
        if (generation != generation_) return;
        summary_->SetLabel("");
        status_(wxString::FromUTF8("Could not read the figures: " + e.detail()));
      });
}

void AnalyticsView::show(reports::Report report) {
  report_ = std::make_shared<const reports::Report>(std::move(report));
  const auto& r = *report_;
  const auto axis = reports::time_axis(r);
  // Each layout keeps the report alive: a chart is laid out again on every resize.
  followers_->show([held = report_, axis](double w, double h) {
    return reports::line_chart("Followers", held->followers, axis, w, h);
  });
  likes_->show([held = report_, axis](double w, double h) {
    return reports::line_chart("Likes of the posts published", held->likes, axis, w, h);
  });
  segment_likes_->show([held = report_, axis](double w, double h) {
    return reports::line_chart("Likes per audience segment", held->likes_by_segment, axis, w, h);
  });
  segments_->show([held = report_](double w, double h) {
    return reports::bar_chart("Engagement by audience segment", held->by_segment, w, h);
  });
  heatmap_->show([held = report_](double w, double h) {
    return reports::heatmap_chart("Best time to post (engagement per post, the last year, " + held->zone + ")",
                                  held->best_times, w, h);
  });

  std::vector<std::vector<FigureCell>> accounts;
  std::int64_t likes = 0, posts = 0;
  for (const auto& a : r.accounts) {
    accounts.push_back({words(a.handle), figure(as_double(a.followers_end)), figure(as_double(a.follower_growth)),
                        count(a.posts), figure(as_double(a.likes)), figure(as_double(a.shares)),
                        figure(as_double(a.replies)), figure(a.engagement_per_thousand, 2),
                        figure(a.median_first_answer_minutes)});
    likes += a.likes.value_or(0);
    posts += a.posts;
  }
  accounts_table_->show(std::move(accounts));
  std::vector<std::vector<FigureCell>> top;
  for (const auto& post : r.top_posts) {
    top.push_back({{wxString::FromUTF8(reports::bucket_label(post.published_at, reports::Granularity::hour)),
                    double(to_unix_ms(post.published_at))},
                   words(post.account),
                   words(post.text),
                   figure(as_double(post.likes)),
                   figure(as_double(post.shares)),
                   figure(as_double(post.replies)),
                   figure(post.per_thousand, 2)});
  }
  top_posts_->show(std::move(top));
  templates_->show(group_rows(r.by_template));
  languages_->show(group_rows(r.by_language));
  std::vector<std::vector<FigureCell>> weeks;
  for (const auto& week : r.answer_times) {
    weeks.push_back({words(week.account),
                     {wxString::FromUTF8("week " + std::to_string(week.iso_week) + " " + std::to_string(week.iso_year)),
                      double(week.iso_year * 100 + week.iso_week)},
                     count(week.answered),
                     count(week.unanswered),
                     figure(week.median_minutes)});
  }
  answer_times_->show(std::move(weeks));
  std::vector<std::vector<FigureCell>> moderation;
  for (const auto& row : r.moderation) {
    moderation.push_back(
        {words(row.account), words(row.category), words(row.action), count(row.items), count(row.hidden)});
  }
  moderation_->show(std::move(moderation));

  Update();  // drawn now: the time below is to the charts on screen
  load_time_ = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - asked_at_);
  summary_->SetLabel(wxString::Format(_("%lld posts, %lld likes in the period"), static_cast<long long>(posts),
                                      static_cast<long long>(likes)));
  status_(wxString::Format(_("Figures for %s"), title()));
}

void AnalyticsView::refresh_figures() {
  auto api = connection_.api();
  if (!api) return;
  status_(_("Reading the figures that are due from the networks…"));
  then_on_window(
      this, api->collect_metrics(),
      [this](wire::CollectionInfo& info) {
        status_(info.problems.empty()
                    ? wxString::Format(_("Read %d accounts and %d posts"), info.accounts_read, info.posts_read)
                    : wxString::FromUTF8("Some figures could not be read: " + info.problems.front()));
        reload();
      },
      [this](const Error& e) { status_(wxString::FromUTF8("Could not read the figures: " + e.detail())); });
}

wxString AnalyticsView::title() const {
  return from_->GetValue().FormatISODate() + " – " + to_->GetValue().FormatISODate();
}

std::optional<std::filesystem::path> AnalyticsView::choose(const wxString& suggested, const wxString& wildcard) {
  if (!report_) {
    status_(_("Show a period's figures first."));
    return std::nullopt;
  }
  return choose_save_ ? choose_save_(this, suggested, wildcard) : std::nullopt;
}

void AnalyticsView::export_pdf() {
  const auto path = choose(
      wxString::Format("kanal-report-%s-%s.pdf", from_->GetValue().FormatISODate(), to_->GetValue().FormatISODate()),
      _("PDF (*.pdf)|*.pdf"));
  if (!path) return;
  export_to(*path, [report = report_, title = "Social media report " + title().utf8_string()](
                       const std::filesystem::path& file) { reports::write_pdf(*report, title, file); });
}

void AnalyticsView::export_csv() {
  const auto path = choose(
      wxString::Format("kanal-report-%s-%s.csv", from_->GetValue().FormatISODate(), to_->GetValue().FormatISODate()),
      _("CSV (*.csv)|*.csv"));
  if (!path) return;
  export_to(*path, [report = report_](const std::filesystem::path& file) { reports::write_csv(*report, file); });
}

void AnalyticsView::export_to(const std::filesystem::path& path,
                              std::function<void(const std::filesystem::path&)> write) {
  status_(_("Exporting…"));
  then_on_window(
      this, exports_.submit([path, write = std::move(write)] {
        write(path);
        return path;
      }),
      [this](std::filesystem::path& written) { status_(wxString::FromUTF8("Exported to " + written.string())); },
      [this](const Error& e) { status_(wxString::FromUTF8("Could not export: " + e.detail())); });
}

void AnalyticsView::save_monthly_report() {
  auto api = connection_.api();
  if (!api) return;
  wire::ReportSettingsInfo settings;
  settings.folder = report_folder_->GetValue().Trim().Trim(false).utf8_string();
  settings.zone = zone_->GetStringSelection().utf8_string();
  then_on_window(
      this, api->set_report_settings(settings),
      [this](wire::ReportSettingsInfo& saved) {
        report_note_->SetLabel(saved.folder.empty()
                                   ? _("No monthly report.")
                                   : wxString::FromUTF8("Each month's report is written to " + saved.folder + "."));
      },
      [this](const Error& e) { report_note_->SetLabel(wxString::FromUTF8("Not saved: " + e.detail())); });
}

}  // namespace kanal::gui
