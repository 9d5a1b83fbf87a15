// libxml2: the XML reader for arXiv Atom feeds and the HTML parser the tests use to audit generated pages.
#include <libxml/xmlversion.h>
// Debian builds libxml2 with ICU; its ICU headers clash with the ICU that Foundation ships. notegraph never uses
// libxml2's ICU converters, so the declarations that pull ICU in are left out.
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/HTMLparser.h>
#include <libxml/xmlerror.h>

/// `xmlFree` is a global function pointer, which Swift 6 treats as shared mutable state; this wrapper is a plain function.
static inline void notegraph_xml_free(void *pointer) { xmlFree(pointer); }
