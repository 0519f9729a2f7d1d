// Placeholder until the shim issue lands: the shim selects a version and execs it.
#include <cstdio>

int main() {
    std::fputs("gover: error: the shim is not built yet\n", stderr);
    return 127;
}
