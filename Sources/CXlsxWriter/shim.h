// libxlsxwriter from Debian's libxlsxwriter-dev: BaoCao writes Excel workbooks with it.
#ifndef BAOCAO_CXLSXWRITER_SHIM_H
#define BAOCAO_CXLSXWRITER_SHIM_H
#include <xlsxwriter.h>
#endif
