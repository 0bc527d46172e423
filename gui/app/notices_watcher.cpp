#include "app/notices_watcher.h"

#include <wx/intl.h>

#include "app/async.h"

namespace kanal::gui {
namespace {

constexpr int kAskEveryMs = 3000;

}  // namespace

wxString notice_text(const wire::Notice& notice) {
  const auto post = static_cast<long long>(notice.post.value);
  const auto by = notice.by.empty() ? _("Someone") : wxString::FromUTF8(notice.by);
  const auto& action = notice.action;
  if (action == "post.edit") return wxString::Format(_("%s changed your post %lld."), by, post);
  if (action == "post.approval_void") {
    return wxString::Format(_("%s's change voided the approvals of your post %lld: it is reviewed again."), by, post);
  }
  if (action == "post.delete") return wxString::Format(_("%s deleted your post %lld."), by, post);
  if (action == "post.approve") return wxString::Format(_("%s approved your post %lld."), by, post);
  if (action == "post.send_back") return wxString::Format(_("%s sent your post %lld back."), by, post);
  if (action == "post.published") return wxString::Format(_("Your post %lld was published."), post);
  if (action == "post.publish_failed") return wxString::Format(_("Your post %lld could not be published."), post);
  if (action == "post.publish_undecided") {
    return wxString::Format(_("Kanal cannot tell whether your post %lld went out: please look."), post);
  }
  if (action == "post.held") return wxString::Format(_("Your scheduled post %lld is held."), post);
  if (action == "post.delivery_decided") {
    return wxString::Format(_("%s answered whether your post %lld went out."), by, post);
  }
  return wxString::Format(_("Something happened to your post %lld."), post);
}

NoticesWatcher::NoticesWatcher(wxWindow* owner, Connection& connection, Desktop::Notify notify,
                               std::function<void(PostId)> open_post)
    : owner_(owner),
      connection_(connection),
      notify_(std::move(notify)),
      open_post_(std::move(open_post)),
      timer_(owner) {
  owner_->Bind(
      wxEVT_TIMER, [this](wxTimerEvent&) { ask(); }, timer_.GetId());
  timer_.Start(kAskEveryMs);
}

void NoticesWatcher::ask() {
  auto api = connection_.api();
  if (!api || !connection_.me() || asking_ || !notify_) return;
  const auto me = connection_.me()->user.id;
  // Someone signs in: what happened before is not news to tell now.
  if (listening_for_ != me) {
    listening_for_ = me;
    after_ = 0;
    catching_up_ = true;
  }
  asking_ = true;
  then_on_window(
      owner_, api->notices(after_),
      [this, me](std::vector<wire::Notice>& notices) {
        asking_ = false;
        if (listening_for_ != me) return;
        if (!notices.empty()) after_ = notices.back().id;
        if (catching_up_) {
          catching_up_ = notices.size() >= wire::kNoticesPerAnswer;
          return;
        }
        if (notices.empty()) return;
        const auto latest = notices.back();
        notify_(notices.size() == 1 ? _("Kanal: your post")
                                    : wxString::Format(_("Kanal: %zu changes to your posts"), notices.size()),
                notice_text(latest), [this, post = latest.post] {
                  if (open_post_) open_post_(post);
                });
      },
      [this](const Error&) { asking_ = false; });
}

}  // namespace kanal::gui
