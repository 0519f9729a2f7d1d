// gover_archive_tool: writes the test archives of support/archive_builder.hpp to disk for the
// end-to-end scripts.
//   gover_archive_tool toolchain <version> <out.tar.gz>
//   gover_archive_tool <hostile-kind|setuid> <version> <out.tar.gz> <outside-dir>
//   gover_archive_tool kinds            (lists the hostile kinds)
#include <cstdio>
#include <exception>
#include <string>

#include "support/archive_builder.hpp"

int main(int argc, char** argv) {
    using namespace gover::test;
    try {
        const std::string kind = argc > 1 ? argv[1] : "";
        if (kind == "kinds") {
            for (const auto& k : hostile_kinds()) {
                std::printf("%s\n", k.c_str());
            }
            return 0;
        }
        if (kind == "toolchain" && argc == 4) {
            synthetic_toolchain(argv[2]).write_tar_gz(argv[3]);
            return 0;
        }
        if (argc == 5) {
            hostile_toolchain(kind, argv[2], argv[4]).write_tar_gz(argv[3]);
            return 0;
        }
        std::fprintf(stderr, "usage: gover_archive_tool toolchain <version> <out> | "
                             "<kind> <version> <out> <outside-dir> | kinds\n");
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "gover_archive_tool: %s\n", e.what());
        return 1;
    }
}
