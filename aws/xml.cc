#include "aws/xml.h"

namespace cutover::aws {

std::string_view local_name(const tinyxml2::XMLElement* element) {
  std::string_view name = element->Name();
  if (auto colon = name.find(':'); colon != std::string_view::npos) name.remove_prefix(colon + 1);
  return name;
}

const tinyxml2::XMLElement* child(const tinyxml2::XMLElement* parent, std::string_view name) {
  if (!parent) return nullptr;
  for (const auto* e = parent->FirstChildElement(); e; e = e->NextSiblingElement()) {
    if (local_name(e) == name) return e;
  }
  return nullptr;
}

std::vector<const tinyxml2::XMLElement*> children(const tinyxml2::XMLElement* parent, std::string_view name) {
  std::vector<const tinyxml2::XMLElement*> out;
  if (!parent) return out;
  for (const auto* e = parent->FirstChildElement(); e; e = e->NextSiblingElement()) {
    if (local_name(e) == name) out.push_back(e);
  }
  return out;
}

std::string text_of(const tinyxml2::XMLElement* element) {
  if (!element || !element->GetText()) return {};
  return element->GetText();
}

std::string child_text(const tinyxml2::XMLElement* parent, std::string_view name) { return text_of(child(parent, name)); }

std::optional<std::string> optional_child_text(const tinyxml2::XMLElement* parent, std::string_view name) {
  const auto* e = child(parent, name);
  if (!e) return std::nullopt;
  return text_of(e);
}

std::optional<long> optional_child_long(const tinyxml2::XMLElement* parent, std::string_view name) {
  auto text = optional_child_text(parent, name);
  if (!text) return std::nullopt;
  try {
    return std::stol(*text);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

const tinyxml2::XMLElement* descend(const tinyxml2::XMLElement* parent, std::string_view path) {
  while (parent && !path.empty()) {
    size_t slash = path.find('/');
    parent = child(parent, path.substr(0, slash));
    path = slash == std::string_view::npos ? std::string_view{} : path.substr(slash + 1);
  }
  return parent;
}

Result<const tinyxml2::XMLElement*> parse_root(tinyxml2::XMLDocument& doc, std::string_view body, std::string_view root_name) {
  if (doc.Parse(body.data(), body.size()) != tinyxml2::XML_SUCCESS || !doc.RootElement()) {
    return fail(ErrorCode::Corrupt, "response is not XML (expected " + std::string(root_name) + ")");
  }
  if (local_name(doc.RootElement()) != root_name) {
    return fail(ErrorCode::Corrupt,
                "unexpected response root <" + std::string(local_name(doc.RootElement())) + ">, expected <" + std::string(root_name) + ">");
  }
  return doc.RootElement();
}

namespace {

// Quotes are escaped only in attribute values; text keeps TXT quotes readable.
void append_escaped(std::string& out, std::string_view text, bool attribute = false) {
  for (char c : text) {
    if (!attribute && (c == '"' || c == '\'')) {
      out.push_back(c);
      continue;
    }
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out.push_back(c);
    }
  }
}

}  // namespace

XmlWriter::XmlWriter(std::string_view root, std::string_view xmlns) {
  out_ = R"(<?xml version="1.0" encoding="UTF-8"?>)";
  out_ += "<" + std::string(root) + " xmlns=\"";
  append_escaped(out_, xmlns, /*attribute=*/true);
  out_ += "\">";
  open_.emplace_back(root);
}

void XmlWriter::open(std::string_view name) {
  out_ += "<" + std::string(name) + ">";
  open_.emplace_back(name);
}

void XmlWriter::close() {
  out_ += "</" + open_.back() + ">";
  open_.pop_back();
}

void XmlWriter::element(std::string_view name, std::string_view text) {
  out_ += "<" + std::string(name) + ">";
  append_escaped(out_, text);
  out_ += "</" + std::string(name) + ">";
}

std::string XmlWriter::finish() {
  while (!open_.empty()) close();
  return out_;
}

}  // namespace cutover::aws
