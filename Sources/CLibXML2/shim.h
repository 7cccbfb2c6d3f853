// libxml2's SAX2 push parser, for reading REFI-QDA projects and Word documents as a
// stream of elements (the library Foundation's XMLParser is built on, without the
// bridging of every name and attribute).
//
// Debian's libxml2 is built with ICU, whose headers clash with the ICU that ships
// with Foundation (_FoundationICU); intertwine uses no libxml2 API that involves
// ICU, so its headers are left out. Swift reads no libxml2 structure whose layout
// depends on it (only functions are called).
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>
