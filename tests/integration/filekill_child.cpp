// The victim of tst_filekill: rewrites one kind of workspace file again and
// again through the app's own writer until it is killed with SIGKILL.
//
//   filekill_child <kind> <workspace dir> <first seq>
//
// Prints "ready" once set up, then "wrote <n>" after each write has returned:
// n is the write's number (for usage.json, the count every key has reached).
// A failed write prints "error <why>" and ends the child.
//
// The kind "inplace" is the harness's control: it truncates and rewrites
// <dir>/inplace.txt in place, as a writer without a temporary file would, so
// the harness can show that it sees torn files when there are some.

#include "filekill.h"

#include <QCoreApplication>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 4) {
        std::fprintf(stderr, "usage: %s <kind> <workspace dir> <first seq>\n", argv[0]);
        return 2;
    }
    const std::string kind = argv[1];
    const std::filesystem::path dir = argv[2];
    std::int64_t seq = std::atoll(argv[3]);

    if (kind == "inplace") {
        std::printf("ready\n");
        std::fflush(stdout);
        for (;; ++seq) {
            {
                std::ofstream out(dir / "inplace.txt", std::ios::binary | std::ios::trunc);
                out << filekill::tag(seq) << '\n' << filekill::filler(seq, 4'000'000);
            }
            std::printf("wrote %lld\n", static_cast<long long>(seq));
            std::fflush(stdout);
        }
    }

    filekill::Writer writer(kind, dir);
    std::string error;
    if (!writer.open(&error)) {
        std::printf("error %s\n", error.c_str());
        return 1;
    }
    std::printf("ready\n");
    std::fflush(stdout);
    for (;; ++seq) {
        if (!writer.write(seq, &error)) {
            std::printf("error %s\n", error.c_str());
            return 1;
        }
        const long long reported
            = kind == "usage" ? static_cast<long long>(writer.usageCount()) : seq;
        std::printf("wrote %lld\n", reported);
        std::fflush(stdout);
    }
}
