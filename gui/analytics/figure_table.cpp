#include "analytics/figure_table.h"

#include <algorithm>

#include "reports/chart.h"

namespace kanal::gui {

FigureCell figure(std::optional<double> value, int decimals) {
  if (!value) return {_("n/a"), std::nullopt};
  return {wxString::FromUTF8(reports::format_number(*value, decimals)), value};
}

FigureCell words(const std::string& text) { return {wxString::FromUTF8(text), std::nullopt}; }

FigureTable::FigureTable(wxWindow* parent, const wxString& name, std::vector<FigureColumn> columns)
    : wxListCtrl(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL),
      columns_(std::move(columns)) {
  SetName(name);
  for (const auto& column : columns_) {
    AppendColumn(column.heading, column.numeric ? wxLIST_FORMAT_RIGHT : wxLIST_FORMAT_LEFT, FromDIP(column.width));
  }
  Bind(wxEVT_LIST_COL_CLICK, [this](wxListEvent& event) {
    if (event.GetColumn() < 0) return;
    const auto column = static_cast<std::size_t>(event.GetColumn());
    // Figures first largest; words first A to Z; a second click reverses.
    const bool ascending = sorted_by_ == column ? !ascending_ : !columns_[column].numeric;
    sort_by(column, ascending);
  });
}

void FigureTable::show(std::vector<std::vector<FigureCell>> rows) {
  rows_ = std::move(rows);
  if (sorted_by_) {
    sort_by(*sorted_by_, ascending_);
  } else {
    fill();
  }
}

void FigureTable::sort_by(std::size_t column, bool ascending) {
  if (column >= columns_.size()) return;
  sorted_by_ = column;
  ascending_ = ascending;
  std::stable_sort(rows_.begin(), rows_.end(), [&](const std::vector<FigureCell>& a, const std::vector<FigureCell>& b) {
    const FigureCell& x = a.at(column);
    const FigureCell& y = b.at(column);
    if (columns_[column].numeric || (x.number && y.number)) {                // a date says its number too
      if (!x.number || !y.number) return x.number.has_value() && !y.number;  // n/a last
      return ascending ? *x.number < *y.number : *x.number > *y.number;
    }
    return ascending ? x.text.CmpNoCase(y.text) < 0 : x.text.CmpNoCase(y.text) > 0;
  });
  fill();
}

wxString FigureTable::cell(std::size_t row, std::size_t column) const {
  if (row >= rows_.size() || column >= rows_[row].size()) return {};
  return rows_[row][column].text;
}

void FigureTable::fill() {
  Freeze();
  DeleteAllItems();
  for (std::size_t r = 0; r < rows_.size(); ++r) {
    const auto item = InsertItem(static_cast<long>(r), rows_[r].empty() ? wxString() : rows_[r][0].text);
    for (std::size_t c = 1; c < rows_[r].size() && c < columns_.size(); ++c) {
      SetItem(item, static_cast<int>(c), rows_[r][c].text);
    }
  }
  Thaw();
}

}  // namespace kanal::gui
