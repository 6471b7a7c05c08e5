#include "export/diagram_style.h"

#include <array>

namespace chipgraph::exporter {

const NodeLook& nodeLook(NodeKind kind) {
    // Owners are dark and solid (they head their cluster); everything else is a light fill with
    // a darker border of the same hue, so labels stay readable in print and on slides.
    static const NodeLook kVendor{"box", "filled", "#1F4E79", "#163A5A", "#FFFFFF"};
    static const NodeLook kChip{"box", "rounded,filled", "#FFF3D6", "#C48A1E", "#3A2A05"};
    static const NodeLook kDesignFirm{"ellipse", "filled", "#E2F0E3", "#3F8F4A", "#17381C"};
    static const NodeLook kFoundry{"house", "filled", "#ECE3F5", "#6B4C9A", "#2B1B45"};
    static const NodeLook kProcessNode{"hexagon", "filled", "#E6EDF4", "#5B7A99", "#1F2D3D"};
    static const NodeLook kMemoryMaker{"cylinder", "filled", "#DDF1EF", "#2C7F7A", "#0F3431"};
    static const NodeLook kLab{"ellipse", "filled,dashed", "#FBE9E7", "#B5533C", "#4A1A10"};
    static const NodeLook kCompany{"ellipse", "filled", "#F2F2F2", "#7F7F7F", "#262626"};
    static const NodeLook kOther{"box", "filled", "#FFFFFF", "#7F7F7F", "#262626"};
    switch (kind) {
    case NodeKind::Vendor:
        return kVendor;
    case NodeKind::Chip:
        return kChip;
    case NodeKind::DesignFirm:
        return kDesignFirm;
    case NodeKind::Foundry:
        return kFoundry;
    case NodeKind::ProcessNode:
        return kProcessNode;
    case NodeKind::MemoryMaker:
        return kMemoryMaker;
    case NodeKind::Lab:
        return kLab;
    case NodeKind::Company:
        return kCompany;
    case NodeKind::Other:
        break;
    }
    return kOther;
}

const char* nodeKindName(NodeKind kind) {
    switch (kind) {
    case NodeKind::Vendor:
        return "vendor";
    case NodeKind::Chip:
        return "chip";
    case NodeKind::DesignFirm:
        return "design firm";
    case NodeKind::Foundry:
        return "foundry";
    case NodeKind::ProcessNode:
        return "process node";
    case NodeKind::MemoryMaker:
        return "memory maker";
    case NodeKind::Lab:
        return "AI lab";
    case NodeKind::Company:
        return "company";
    case NodeKind::Other:
        break;
    }
    return "other";
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
