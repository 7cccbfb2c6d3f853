// The C side of the terminal: ncursesw with wide characters, and small functions
// for what Swift cannot read from the headers (globals, attribute and mouse macros).
#ifndef INTERTWINE_NCURSES_SHIM_H
#define INTERTWINE_NCURSES_SHIM_H

// SwiftPM drops pkg-config's -D_XOPEN_SOURCE=600; ask for the wide API directly.
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <signal.h>
#include <wchar.h>
#include <ncursesw/curses.h>

static inline WINDOW *it_stdscr(void) { return stdscr; }
static inline int it_lines(void) { return LINES; }
static inline int it_cols(void) { return COLS; }
static inline int it_colors(void) { return COLORS; }
static inline int it_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t it_a_bold(void) { return A_BOLD; }
static inline attr_t it_a_reverse(void) { return A_REVERSE; }
static inline attr_t it_a_underline(void) { return A_UNDERLINE; }
static inline attr_t it_a_dim(void) { return A_DIM; }
static inline attr_t it_a_normal(void) { return A_NORMAL; }

/// Draws `text` (a NUL-terminated wide string) at a position with attributes and a colour pair.
static inline int it_draw(int y, int x, const wchar_t *text, attr_t attrs, short pair) {
    cchar_t cell;
    int drawn = 0;
    // Each cell: one spacing character and up to four combining marks.
    wchar_t chunk[CCHARW_MAX + 1];
    const wchar_t *p = text;
    int column = x;
    while (*p) {
        int n = 0;
        chunk[n++] = *p++;
        while (*p && n < CCHARW_MAX && wcwidth(*p) == 0) chunk[n++] = *p++;
        chunk[n] = 0;
        if (setcchar(&cell, chunk, attrs, pair, NULL) == OK) {
            mvadd_wch(y, column, &cell);
            drawn++;
        }
        int w = wcwidth(chunk[0]);
        column += w > 0 ? w : 1;
    }
    return drawn;
}

static inline mmask_t it_mouse_all(void) { return ALL_MOUSE_EVENTS | REPORT_MOUSE_POSITION; }
static inline mmask_t it_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t it_button1_released(void) { return BUTTON1_RELEASED; }
static inline mmask_t it_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t it_button4_pressed(void) { return BUTTON4_PRESSED; }
#if NCURSES_MOUSE_VERSION > 1
static inline mmask_t it_button5_pressed(void) { return BUTTON5_PRESSED; }
#else
static inline mmask_t it_button5_pressed(void) { return 0; }
#endif
static inline mmask_t it_report_position(void) { return REPORT_MOUSE_POSITION; }

#endif
