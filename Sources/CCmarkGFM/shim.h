// Umbrella over Debian's libcmark-gfm: the core parser/renderer and the GFM extensions
// (table, strikethrough, autolink, tasklist, tagfilter).
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
