#ifndef BAOCAO_CCAIRO_SHIM_H
#define BAOCAO_CCAIRO_SHIM_H

#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-ft.h>
#include <fontconfig/fontconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// cairo's stream callbacks, font patterns and path data (a union) do not import well into
// Swift. These small wrappers each do one thing the Swift side cannot.

// MARK: - A PDF written to memory

/// The bytes a PDF surface writes, grown as cairo writes them.
typedef struct {
    unsigned char *bytes;
    size_t length;
    size_t capacity;
    int failed;
} baocao_pdf_buffer;

static inline cairo_status_t baocao_pdf_buffer_write(void *closure, const unsigned char *data, unsigned int length) {
    baocao_pdf_buffer *buffer = (baocao_pdf_buffer *)closure;
    if (buffer->length + length > buffer->capacity) {
        size_t capacity = buffer->capacity ? buffer->capacity : 65536;
        while (capacity < buffer->length + length) capacity *= 2;
        unsigned char *grown = (unsigned char *)realloc(buffer->bytes, capacity);
        if (grown == NULL) {
            buffer->failed = 1;
            return CAIRO_STATUS_WRITE_ERROR;
        }
        buffer->bytes = grown;
        buffer->capacity = capacity;
    }
    memcpy(buffer->bytes + buffer->length, data, length);
    buffer->length += length;
    return CAIRO_STATUS_SUCCESS;
}

/// A PDF surface of `width` × `height` points writing into `buffer` (zeroed by the caller,
/// its bytes freed with baocao_pdf_buffer_free after the surface is finished).
static inline cairo_surface_t *baocao_pdf_surface_to_buffer(baocao_pdf_buffer *buffer, double width, double height) {
    return cairo_pdf_surface_create_for_stream(baocao_pdf_buffer_write, buffer, width, height);
}

static inline void baocao_pdf_buffer_free(baocao_pdf_buffer *buffer) {
    free(buffer->bytes);
    buffer->bytes = NULL;
    buffer->length = buffer->capacity = 0;
}

// MARK: - Fonts from a file

/// A cairo font face for the TrueType file at `path` (its first face), loaded by cairo's
/// FreeType backend from that very file — never a substitute fontconfig would pick. NULL
/// if the pattern cannot be made; the face reports its own status otherwise.
static inline cairo_font_face_t *baocao_font_face_from_file(const char *path) {
    FcPattern *pattern = FcPatternCreate();
    if (pattern == NULL) return NULL;
    if (!FcPatternAddString(pattern, FC_FILE, (const FcChar8 *)path) || !FcPatternAddInteger(pattern, FC_INDEX, 0)) {
        FcPatternDestroy(pattern);
        return NULL;
    }
    cairo_font_face_t *face = cairo_ft_font_face_create_for_pattern(pattern);
    FcPatternDestroy(pattern);
    return face;
}

// MARK: - Paths as PDF operators

/// Writes `value` with two decimals and a full stop whatever the C locale says (PDF syntax).
static inline int baocao_format_coordinate(char *out, size_t size, double value) {
    long long hundredths = (long long)(value * 100.0 + (value < 0 ? -0.5 : 0.5));
    const char *sign = hundredths < 0 ? "-" : "";
    if (hundredths < 0) hundredths = -hundredths;
    return snprintf(out, size, "%s%lld.%02lld ", sign, hundredths / 100, hundredths % 100);
}

/// Appends the points of one path element and its operator to `line`.
static inline int baocao_format_points(char *line, size_t size, const cairo_path_data_t *points, int count, const char *op) {
    int n = 0;
    for (int p = 0; p < count; p++) {
        n += baocao_format_coordinate(line + n, size - (size_t)n, points[p].point.x);
        n += baocao_format_coordinate(line + n, size - (size_t)n, points[p].point.y);
    }
    n += snprintf(line + n, size - (size_t)n, "%s\n", op);
    return n;
}

/// The current path of `cr`, in its user space, as PDF path operators (m, l, c, h), one
/// a line; a NUL-terminated string to free() with baocao_free, or NULL when out of memory.
static inline char *baocao_path_as_pdf_operators(cairo_t *cr) {
    cairo_path_t *path = cairo_copy_path(cr);
    if (path == NULL || path->status != CAIRO_STATUS_SUCCESS) {
        cairo_path_destroy(path);
        return NULL;
    }
    size_t capacity = 4096, length = 0;
    char *text = (char *)malloc(capacity);
    if (text == NULL) {
        cairo_path_destroy(path);
        return NULL;
    }
    text[0] = 0;
    for (int i = 0; i < path->num_data; i += path->data[i].header.length) {
        cairo_path_data_t *data = &path->data[i];
        char line[160];
        int n = 0;
        switch (data->header.type) {
        case CAIRO_PATH_MOVE_TO:
            n = baocao_format_points(line, sizeof line, data + 1, 1, "m");
            break;
        case CAIRO_PATH_LINE_TO:
            n = baocao_format_points(line, sizeof line, data + 1, 1, "l");
            break;
        case CAIRO_PATH_CURVE_TO:
            n = baocao_format_points(line, sizeof line, data + 1, 3, "c");
            break;
        case CAIRO_PATH_CLOSE_PATH:
            n = snprintf(line, sizeof line, "h\n");
            break;
        }
        if (n <= 0) continue;
        if (length + (size_t)n + 1 > capacity) {
            while (length + (size_t)n + 1 > capacity) capacity *= 2;
            char *grown = (char *)realloc(text, capacity);
            if (grown == NULL) {
                free(text);
                cairo_path_destroy(path);
                return NULL;
            }
            text = grown;
        }
        memcpy(text + length, line, (size_t)n + 1);
        length += (size_t)n;
    }
    cairo_path_destroy(path);
    return text;
}

static inline void baocao_free(void *pointer) {
    free(pointer);
}

#endif
