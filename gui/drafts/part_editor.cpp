#include "drafts/part_editor.h"

#include <wx/artprov.h>
#include <wx/intl.h>
#include <wx/settings.h>

#include <algorithm>

#include "widgets/thumbnail.h"

namespace kanal::gui {
namespace {

wxString numbered(const char* prefix, std::size_t part, std::size_t item) {
  return wxString::Format("%s_%zu_%zu", prefix, part, item);
}

}  // namespace

PartEditor::PartEditor(wxWindow* parent, bool is_post, Callbacks callbacks)
    : wxPanel(parent, wxID_ANY), callbacks_(std::move(callbacks)) {
  label_ = new wxStaticText(this, wxID_ANY, {});
  label_->SetFont(label_->GetFont().Bold());
  text_ = new wxTextCtrl(this, wxID_ANY, {}, wxDefaultPosition, wxSize(-1, FromDIP(110)), wxTE_MULTILINE | wxTE_RICH2);
  // Thread parts get no hint: wxGTK greys text put into a new multi-line
  // control that has one, so a loaded part would look like a placeholder.
  if (is_post) text_->SetHint(_("Write the post here. Keep it short, personal and plain."));
  add_image_ = new wxButton(this, wxID_ANY, _("Add &image…"));
  add_image_->SetToolTip(_("Attach a PNG, JPEG, GIF or WebP image (at most 16 MiB)"));
  remove_part_ = new wxButton(this, wxID_ANY, _("Remove part"));
  images_sizer_ = new wxBoxSizer(wxVERTICAL);

  auto* header = new wxBoxSizer(wxHORIZONTAL);
  header->Add(label_, wxSizerFlags(1).CenterVertical());
  header->Add(add_image_, wxSizerFlags().Border(wxLEFT, FromDIP(6)));
  header->Add(remove_part_, wxSizerFlags().Border(wxLEFT, FromDIP(6)));
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(header, wxSizerFlags().Expand().Border(wxBOTTOM, FromDIP(4)));
  sizer->Add(text_, wxSizerFlags().Expand());
  if (callbacks_.mentions) {
    mentions_ = callbacks_.mentions(this, text_);
    sizer->Add(mentions_->list(), wxSizerFlags().Expand());
  }
  sizer->Add(images_sizer_, wxSizerFlags().Expand());
  SetSizer(sizer);

  text_->Bind(wxEVT_TEXT, [this](wxCommandEvent&) {
    if (mentions_ && !loading_) mentions_->update();
    changed();
  });
  add_image_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { callbacks_.add_image(*this); });
  remove_part_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { callbacks_.remove_part(*this); });
  set_position(is_post ? 0 : 1, is_post ? 1 : 2);
}

void PartEditor::set_position(std::size_t index, std::size_t count) {
  index_ = index;
  if (count == 1) {
    label_->SetLabel(_("Post"));
  } else {
    // TRANSLATORS: a part of a thread, e.g. "Part 2 of 3"
    label_->SetLabel(wxString::Format(_("Part %zu of %zu"), index + 1, count));
  }
  text_->SetName(index == 0 ? wxString("draft_editor") : wxString::Format("thread_part_%zu", index + 1));
  add_image_->SetName(wxString::Format("add_image_%zu", index + 1));
  remove_part_->SetName(wxString::Format("remove_part_%zu", index + 1));
  remove_part_->Show(index > 0);
  update_names_and_warnings();
  Layout();
}

void PartEditor::set_content(const std::string& text, const std::vector<Attachment>& media) {
  loading_ = true;
  text_->ChangeValue(wxString::FromUTF8(text));
  for (auto& row : images_) row.row->Destroy();
  images_.clear();
  for (const auto& attachment : media) append_row(attachment);
  update_names_and_warnings();
  loading_ = false;
  Layout();
}

std::string PartEditor::text() const { return text_->GetValue().utf8_string(); }

std::vector<Attachment> PartEditor::media() const {
  std::vector<Attachment> media;
  for (const auto& row : images_) media.push_back(Attachment{row.id, row.alt->GetValue().utf8_string()});
  return media;
}

void PartEditor::add_image(const Attachment& attachment) {
  append_row(attachment);
  update_names_and_warnings();
  images_.back().alt->SetFocus();  // the next thing to do is to describe it
  changed();
}

void PartEditor::append_row(const Attachment& attachment) {
  ImageRow row;
  row.id = attachment.media;
  row.row = new wxPanel(this);
  // Grey until the picture has been fetched.
  row.thumbnail = new wxStaticBitmap(row.row, wxID_ANY, thumbnail_bitmap(wxImage()));
  row.alt = new wxTextCtrl(row.row, wxID_ANY, wxString::FromUTF8(attachment.description), wxDefaultPosition,
                           wxDefaultSize, wxTE_MULTILINE);
  row.alt->SetHint(_("Describe the image for people who cannot see it (alt text)"));
  row.warning = new wxStaticText(row.row, wxID_ANY, _("Needs alt text before it can be published"));
  row.warning->SetForegroundColour(wxColour(170, 40, 20));
  row.remove = new wxBitmapButton(row.row, wxID_ANY, wxArtProvider::GetBitmap(wxART_DELETE, wxART_BUTTON));
  row.remove->SetToolTip(_("Remove this image"));

  auto* column = new wxBoxSizer(wxVERTICAL);
  column->Add(row.alt, wxSizerFlags(1).Expand());
  column->Add(row.warning, wxSizerFlags().Border(wxTOP, FromDIP(2)));
  auto* sizer = new wxBoxSizer(wxHORIZONTAL);
  sizer->Add(row.thumbnail, wxSizerFlags().Border(wxRIGHT, FromDIP(8)));
  sizer->Add(column, wxSizerFlags(1).Expand());
  sizer->Add(row.remove, wxSizerFlags().Top().Border(wxLEFT, FromDIP(4)));
  row.row->SetSizer(sizer);
  images_sizer_->Add(row.row, wxSizerFlags().Expand().Border(wxTOP, FromDIP(6)));

  row.alt->Bind(wxEVT_TEXT, [this](wxCommandEvent&) {
    update_names_and_warnings();
    changed();
  });
  row.remove->Bind(wxEVT_BUTTON, [this, panel = row.row](wxCommandEvent&) {
    // Destroying the button from its own handler is unsafe: do it after.
    CallAfter([this, panel] {
      remove_row(panel);
      changed();
    });
  });
  images_.push_back(row);
}

void PartEditor::remove_row(wxPanel* panel) {
  // By the row, not the image: the same image may be attached twice.
  auto it = std::find_if(images_.begin(), images_.end(), [panel](const ImageRow& row) { return row.row == panel; });
  if (it == images_.end()) return;
  it->row->Destroy();
  images_.erase(it);
  update_names_and_warnings();
  GetParent()->Layout();
}

void PartEditor::set_thumbnail(MediaId id, const wxBitmap& bitmap) {
  for (auto& row : images_) {
    if (row.id == id) row.thumbnail->SetBitmap(bitmap);
  }
  Layout();
}

void PartEditor::set_editable(bool editable) {
  text_->SetEditable(editable);
  add_image_->Enable(editable);
  remove_part_->Enable(editable);
  for (auto& row : images_) row.alt->SetEditable(editable);
}

void PartEditor::update_names_and_warnings() {
  for (std::size_t i = 0; i < images_.size(); ++i) {
    auto& row = images_[i];
    row.thumbnail->SetName(numbered("image", index_ + 1, i + 1));
    row.alt->SetName(numbered("alt_text", index_ + 1, i + 1));
    row.remove->SetName(numbered("remove_image", index_ + 1, i + 1));
    row.warning->Show(row.alt->GetValue().Trim().Trim(false).empty());
    row.row->Layout();
  }
}

void PartEditor::changed() {
  if (!loading_ && callbacks_.changed) callbacks_.changed();
}

}  // namespace kanal::gui
