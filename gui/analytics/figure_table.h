#pragma once
// A table of figures that sorts by any column when its heading is clicked
// (numbers as numbers, "n/a" last), again to reverse.

#include <wx/listctrl.h>

#include <optional>
#include <string>
#include <vector>

namespace kanal::gui {

struct FigureCell {
  wxString text;
  std::optional<double> number;  // sorts by this when set (a figure, or a date's moment); nullopt: text, or "n/a"
};

struct FigureColumn {
  wxString heading;
  int width = 90;
  bool numeric = true;
};

class FigureTable final : public wxListCtrl {
 public:
  FigureTable(wxWindow* parent, const wxString& name, std::vector<FigureColumn> columns);

  void show(std::vector<std::vector<FigureCell>> rows);
  void sort_by(std::size_t column, bool ascending);
  std::size_t rows() const { return rows_.size(); }
  // The text of a cell as shown (after sorting).
  wxString cell(std::size_t row, std::size_t column) const;

 private:
  void fill();

  std::vector<FigureColumn> columns_;
  std::vector<std::vector<FigureCell>> rows_;
  std::optional<std::size_t> sorted_by_;
  bool ascending_ = false;
};

// A figure, or "n/a" when the network did not give it.
FigureCell figure(std::optional<double> value, int decimals = 0);
FigureCell words(const std::string& text);

}  // namespace kanal::gui
