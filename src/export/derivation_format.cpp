#include "export/derivation_format.h"

#include "export/json_values.h"

#include <nlohmann/json.hpp>

namespace chipgraph::exporter {
namespace {

std::string nodeLine(const DerivationNode& node) {
    if (node.negated) return node.fact + "  (does not hold then)";
    std::string line = node.fact + "  " + node.valid + "  " + node.status;
    if (!node.sources.empty()) {
        line += "  per ";
        for (size_t i = 0; i < node.sources.size(); ++i) {
            const DerivationSource& s = node.sources[i];
            line += (i ? ", " : "") + s.name +
                    (s.published.empty()
                         ? ""
                         : " (" + s.published +
                               (s.knownFrom.empty() ? "" : ", known from " + s.knownFrom) + ")");
        }
    }
    if (node.cycle) line += "  (explained above)";
    return line;
}

void renderChildren(const DerivationNode& node, const std::string& prefix, std::string& out) {
    size_t count = node.derivations.size() + (node.moreDerivations ? 1 : 0);
    for (size_t d = 0; d < node.derivations.size(); ++d) {
        bool lastStep = d + 1 == count;
        const DerivationStep& step = node.derivations[d];
        out += prefix + (lastStep ? "└─ " : "├─ ") + step.rule + "\n";
        std::string inner = prefix + (lastStep ? "   " : "│  ");
        for (size_t p = 0; p < step.premises.size(); ++p) {
            bool lastPremise = p + 1 == step.premises.size();
            out += inner + (lastPremise ? "└─ " : "├─ ") + nodeLine(step.premises[p]) + "\n";
            renderChildren(step.premises[p], inner + (lastPremise ? "   " : "│  "), out);
        }
    }
    if (node.moreDerivations)
        out += prefix + "└─ … and " + std::to_string(node.moreDerivations) + " more derivation" +
               (node.moreDerivations == 1 ? "" : "s") + "\n";
}

nlohmann::ordered_json toJson(const DerivationNode& node) {
    nlohmann::ordered_json j;
    j["fact"] = node.fact;
    if (node.negated) {
        j["negated"] = true;
        return j;
    }
    j["valid"] = node.valid;
    j["status"] = node.status;
    j["derived"] = node.derived;
    if (!node.sources.empty()) {
        j["sources"] = nlohmann::ordered_json::array();
        for (const DerivationSource& s : node.sources) {
            nlohmann::ordered_json source = {{"name", s.name}, {"published", s.published}};
            if (!s.knownFrom.empty()) source["known_from"] = s.knownFrom;
            j["sources"].push_back(std::move(source));
        }
    }
    if (node.derived) {
        j["derivations"] = nlohmann::ordered_json::array();
        for (const DerivationStep& step : node.derivations) {
            nlohmann::ordered_json premises = nlohmann::ordered_json::array();
            for (const DerivationNode& p : step.premises)
                premises.push_back(toJson(p));
            j["derivations"].push_back({{"rule", step.rule}, {"premises", premises}});
        }
        if (node.moreDerivations) j["more_derivations"] = node.moreDerivations;
        if (node.cycle) j["explained_above"] = true;
    }
    return j;
}

} // namespace

std::string renderDerivationsText(const std::vector<DerivationNode>& trees) {
    if (trees.empty()) return "no matching fact\n";
    std::string out;
    for (size_t t = 0; t < trees.size(); ++t) {
        if (t) out += "\n";
        out += nodeLine(trees[t]) + "\n";
        renderChildren(trees[t], "", out);
    }
    return out;
}

nlohmann::ordered_json derivationsJson(const std::vector<DerivationNode>& trees) {
    nlohmann::ordered_json doc;
    doc["facts"] = nlohmann::ordered_json::array();
    for (const DerivationNode& tree : trees)
        doc["facts"].push_back(toJson(tree));
    return doc;
}

std::string renderDerivationsJson(const std::vector<DerivationNode>& trees) {
    return derivationsJson(trees).dump() + "\n";
}

} // namespace chipgraph::exporter
