// zlib for reading zip archives (raw deflate and CRC-32).
#include <zlib.h>

/// inflateInit2 is a macro; Swift calls this instead.
static inline int it_inflate_init_raw(z_stream *stream) {
    return inflateInit2(stream, -MAX_WBITS);
}

/// deflateInit2 is a macro too: raw deflate (no zlib header) at `level`.
static inline int it_deflate_init_raw(z_stream *stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
}
