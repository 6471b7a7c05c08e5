#pragma once
// Early-return helpers for src/store's .cpp files (a Status-returning function's body).
#include "store/sqlite_handle.h"

#define CG_TRY(expr)                                                                               \
    do {                                                                                           \
        Status status_ = (expr);                                                                   \
        if (!status_) return status_;                                                              \
    } while (0)

#define CG_PREPARE(var, sql)                                                                       \
    Result<Statement*> var##Result = db_->prepare(sql);                                            \
    if (!var##Result) return var##Result.status();                                                 \
    Statement& var = *var##Result.value()
