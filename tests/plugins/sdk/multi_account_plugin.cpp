// A network whose sign-in gives two accounts (a person who manages two
// pages), with an app password: what kanald's connector must offer for the
// person to choose. It reaches no network; the test of choosing needs none.
#include "kanal/plugin/entry.h"

namespace {

using namespace kanal;
using plugin::FailureKind;

class MultiAccountNetwork final : public plugin::Network {
 public:
  explicit MultiAccountNetwork(plugin::Host&) {}

  static const NetworkDescriptor& static_descriptor() {
    static const NetworkDescriptor descriptor = [] {
      NetworkDescriptor d;
      d.id = "multi_account";
      d.display_name = "Two Pages";
      d.sign_in = {SignInMethod::app_password};
      d.text.counting = Counting::code_points;
      d.text.max_characters = 1000;
      d.settings = {{"client_id", "Client id", false, ""}, {"client_secret", "Client secret", true, ""}};
      return d;
    }();
    return descriptor;
  }
  const NetworkDescriptor& descriptor() const override { return static_descriptor(); }
  Future<NetworkDescriptor> describe(const std::string&) override { return ready(static_descriptor()); }

  Future<plugin::SignedIn> sign_in(const plugin::PasswordSignIn& request) override {
    if (request.password != "right") {
      return plugin::failed<plugin::SignedIn>(FailureKind::rejected, "Invalid identifier or password");
    }
    plugin::SignedIn signed_in;
    for (const char* page : {"page-a", "page-b"}) {
      plugin::Profile profile{page, std::string("@") + page, std::string("Page ") + page, 10};
      signed_in.accounts.push_back({profile, {"", page, {std::string("token-") + page, std::nullopt, false}}, "page"});
    }
    return ready(signed_in);
  }
  Future<plugin::Profile> verify(const plugin::Connection& c) override {
    return ready(plugin::Profile{c.account_id, "@" + c.account_id, c.account_id, 10});
  }
  Future<plugin::Credentials> refresh(const plugin::Connection&) override {
    return plugin::failed<plugin::Credentials>(FailureKind::auth_expired, "no refresh");
  }
  Future<plugin::Published> publish(const plugin::Connection&, const plugin::Publication&) override {
    return plugin::failed<plugin::Published>(FailureKind::rejected, "this network publishes nothing");
  }
  Future<Done> remove(const plugin::Connection&, const std::string&) override { return ready(Done{}); }
  Future<plugin::InteractionPage> fetch_interactions(const plugin::Connection&, const std::string&) override {
    return ready(plugin::InteractionPage{});
  }
  Future<plugin::Thread> fetch_thread(const plugin::Connection&, const std::string&) override {
    return ready(plugin::Thread{});
  }
  Future<plugin::Published> reply(const plugin::Connection&, const plugin::ReplyRequest&) override {
    return plugin::failed<plugin::Published>(FailureKind::rejected, "no replies");
  }
  Future<Done> moderate(const plugin::Connection&, const plugin::ModerationRequest&) override {
    return plugin::failed<Done>(FailureKind::rejected, "no moderation");
  }
  Future<plugin::AccountMetrics> account_metrics(const plugin::Connection&) override {
    return ready(plugin::AccountMetrics{10, std::nullopt, std::nullopt});
  }
  Future<std::vector<plugin::PostMetrics>> post_metrics(const plugin::Connection&,
                                                        const std::vector<std::string>&) override {
    return ready(std::vector<plugin::PostMetrics>{});
  }

 private:
  template <class T>
  static Future<T> ready(T value) {
    Promise<T> promise;
    promise.set_value(std::move(value));
    return promise.future();
  }
};

}  // namespace

KANAL_PLUGIN(MultiAccountNetwork, "multi_account")
