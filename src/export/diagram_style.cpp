#include "export/diagram_style.h"

#include <array>

namespace chipgraph::exporter {

const NodeLook& nodeLook(NodeKind kind) {
    // Owners are dark and solid (they head their cluster); everything else is a light fill with
    // a darker border of the same hue, so labels stay readable in print and on slides.
    static const NodeLook kOwner{"box", "filled", "#1F4E79", "#163A5A", "#FFFFFF"};
    static const NodeLook kProduct{"box", "rounded,filled", "#FFF3D6", "#C48A1E", "#3A2A05"};
    static const NodeLook kPartner{"ellipse", "filled", "#E2F0E3", "#3F8F4A", "#17381C"};
    static const NodeLook kPlant{"house", "filled", "#ECE3F5", "#6B4C9A", "#2B1B45"};
    static const NodeLook kProcess{"hexagon", "filled", "#E6EDF4", "#5B7A99", "#1F2D3D"};
    static const NodeLook kSupplier{"cylinder", "filled", "#DDF1EF", "#2C7F7A", "#0F3431"};
    static const NodeLook kCustomer{"ellipse", "filled,dashed", "#FBE9E7", "#B5533C", "#4A1A10"};
    static const NodeLook kOrganization{"ellipse", "filled", "#F2F2F2", "#7F7F7F", "#262626"};
    static const NodeLook kPlain{"box", "filled", "#FFFFFF", "#7F7F7F", "#262626"};
    switch (kind) {
    case NodeKind::Owner:
        return kOwner;
    case NodeKind::Product:
        return kProduct;
    case NodeKind::Partner:
        return kPartner;
    case NodeKind::Plant:
        return kPlant;
    case NodeKind::Process:
        return kProcess;
    case NodeKind::Supplier:
        return kSupplier;
    case NodeKind::Customer:
        return kCustomer;
    case NodeKind::Organization:
        return kOrganization;
    case NodeKind::Plain:
        break;
    }
    return kPlain;
}

const char* nodeKindName(NodeKind kind) {
    return kind == NodeKind::Plain ? "other" : schema::typeLookName(kind);
}

const char* lineStyle(schema::FactStatus status) {
    using schema::FactStatus;
    switch (status) {
    case FactStatus::Actual:
    case FactStatus::Reported:
        return "solid";
    case FactStatus::Expected:
    case FactStatus::Forecast:
        return "dashed";
    case FactStatus::Rumored:
    case FactStatus::View:
        break;
    }
    return "dotted";
}

const char* lineStyleMeaning(schema::FactStatus status) {
    using schema::FactStatus;
    switch (status) {
    case FactStatus::Actual:
    case FactStatus::Reported:
        return "actual, reported";
    case FactStatus::Expected:
    case FactStatus::Forecast:
        return "expected, forecast";
    case FactStatus::Rumored:
    case FactStatus::View:
        break;
    }
    return "rumored, view";
}

const char* relationColor(size_t index) {
    // Muted hues that stay apart from the conflict red and the diff green/orange.
    static constexpr std::array<const char*, 8> kPalette{
        "#1F4E79", "#2E7D7A", "#8C5A2B", "#6B4C9A", "#546E7A", "#9C7A0C", "#3F6FB5", "#7A5C61"};
    return kPalette[index % kPalette.size()];
}

const char* changeColor(Change change) {
    switch (change) {
    case Change::Added:
        return kAddedColor;
    case Change::Removed:
        return kRemovedColor;
    case Change::Changed:
        return kChangedColor;
    case Change::Unchanged:
    case Change::None:
        break;
    }
    return kUnchangedColor;
}

} // namespace chipgraph::exporter
