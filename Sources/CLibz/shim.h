// zlib from Debian's zlib1g-dev: the inflate and deflate of ZIP entries and of the sync
// protocol's `deflate` content coding. (ZIPFoundation brings its own module of the same
// library, named CZlib, for its own use; ours is declared here so that no target imports
// a module it does not depend on.)
#ifndef BAOCAO_CLIBZ_SHIM_H
#define BAOCAO_CLIBZ_SHIM_H
#include <zlib.h>
#endif
