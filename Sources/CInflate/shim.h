// zlib for reading zip archives (raw deflate and CRC-32).
#include <zlib.h>

/// inflateInit2 is a macro; Swift calls this instead.
static inline int it_inflate_init_raw(z_stream *stream) {
    return inflateInit2(stream, -MAX_WBITS);
}
