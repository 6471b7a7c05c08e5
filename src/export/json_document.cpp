#include "export/json_document.h"

#include "export/json_values.h"

namespace chipgraph::exporter {

namespace {

std::string dumpJson(const nlohmann::ordered_json& doc) {
    // Replace invalid UTF-8 rather than throw: no exception may leave this module.
    return doc.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

} // namespace

std::string renderJsonDocument(const std::vector<JsonAnswer>& answers, bool lines) {
    nlohmann::ordered_json array = nlohmann::ordered_json::array();
    std::string out;
    for (const JsonAnswer& a : answers) {
        nlohmann::ordered_json object;
        object["query"] = a.query;
        if (a.table) object.update(tableJson(*a.table));
        if (a.derivations) object.update(derivationsJson(*a.derivations));
        if (a.text) object["text"] = *a.text;
        if (a.plan) object["plan"] = *a.plan;
        if (a.basis) {
            auto orNull = [](const std::optional<std::string>& text) {
                return text ? nlohmann::ordered_json(*text) : nlohmann::ordered_json(nullptr);
            };
            object["basis"] = {{"known_at", orNull(a.basis->knownAt)},
                               {"valid", orNull(a.basis->valid)},
                               {"recorded_at", orNull(a.basis->recordedAt)},
                               {"policy", a.basis->policy},
                               {"fingerprint", a.basis->fingerprint}};
        }
        if (lines)
            out += dumpJson(object) + "\n";
        else
            array.push_back(std::move(object));
    }
    return lines ? out : dumpJson(array) + "\n";
}

} // namespace chipgraph::exporter
