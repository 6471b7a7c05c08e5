#include "diagram/model.h"

namespace chipgraph::diagram {

const char* changeName(Change change) {
    switch (change) {
    case Change::Added:
        return "added";
    case Change::Removed:
        return "removed";
    case Change::Changed:
        return "changed";
    case Change::Unchanged:
        return "unchanged";
    case Change::None:
        break;
    }
    return "";
}

} // namespace chipgraph::diagram
