#pragma once
// How a handle is written on a network, by the mention style its plugin's
// descriptor names (core/network_descriptor.h), never by the network:
//   at_name       @name: letters a–z, digits and _, at most 15 (X's rule)
//   at_name_host  @name or @name@server.example (the fediverse)
//   at_domain     @name.domain.example (a Bluesky handle is a domain name)
// Handles are ASCII (an international server name is written in its
// xn-- form) and compare without regard to case.

#include <string>
#include <string_view>

#include "core/network_descriptor.h"

namespace kanal::contacts {

struct HandleCheck {
  std::string handle;   // as stored: with its @, spaces around it gone
  std::string problem;  // empty: fine; otherwise why it is not one, for people
  bool ok() const { return problem.empty(); }
};

// What a person wrote ("@anna", or "anna" without the @) checked against
// `style`.
HandleCheck check_handle(std::string_view written, MentionStyle style);

// How handles in `style` are written, for messages: "@name (letters a–z, digits, _; at most 15)".
std::string_view handle_form(MentionStyle style);

// The handle in the form handles compare in (ASCII lower case).
std::string handle_key(std::string_view handle);

}  // namespace kanal::contacts
