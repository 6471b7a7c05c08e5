#include "schema/value_text.h"

namespace chipgraph::schema {

std::string displayValue(const Value& value, const Catalog& catalog) {
    switch (value.kind()) {
    case Value::Kind::Entity:
        return catalog.shownName(value.entityId());
    case Value::Kind::Text:
        return value.textValue();
    case Value::Kind::Number:
        return value.numberValue().toString();
    }
    return "";
}

} // namespace chipgraph::schema
