#include "eval/fact_view.h"

namespace chipgraph::eval {

size_t DerivedTable::factCount() const {
    if (factCount_ != SIZE_MAX) return factCount_;
    size_t n = 0;
    Interval single;
    for (RowId r = 0; r < table_->size(); ++r)
        n += table_->singleValidity(r, single) ? 1 : table_->validity(r).parts().size();
    return factCount_ = n;
}

} // namespace chipgraph::eval
