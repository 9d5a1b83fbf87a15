// libxml2: the XML reader for arXiv Atom feeds and the HTML parser the tests use to audit generated pages.
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/HTMLparser.h>
#include <libxml/xmlerror.h>
