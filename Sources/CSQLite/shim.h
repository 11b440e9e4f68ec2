#ifndef WEBHOOKKIT_CSQLITE_SHIM_H
#define WEBHOOKKIT_CSQLITE_SHIM_H

// SQLite from the system (Debian: libsqlite3-dev). SQLITE_TRANSIENT is a macro that
// casts -1 to a function pointer, which Swift cannot import; the wrapper below gives
// it a callable form.

#include <sqlite3.h>

/// Tells sqlite3_bind_text/blob to copy the bytes before the call returns.
static inline sqlite3_destructor_type webhookkit_sqlite_transient(void) {
    return SQLITE_TRANSIENT;
}

#endif
