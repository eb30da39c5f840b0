#define _GNU_SOURCE
#include <unistd.h>
#include "CFilesystem.h"

int baocao_syncfs(int descriptor) {
    return syncfs(descriptor);
}
