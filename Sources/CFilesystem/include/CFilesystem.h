// What Swift's Glibc module leaves out because glibc declares it only under _GNU_SOURCE.
#ifndef BAOCAO_CFILESYSTEM_H
#define BAOCAO_CFILESYSTEM_H

/// syncfs(2): flushes the one filesystem that holds `descriptor`, and reports write-back
/// errors on it (Linux 5.8 and later). 0 on success, -1 with errno set on failure.
int baocao_syncfs(int descriptor);

#endif
