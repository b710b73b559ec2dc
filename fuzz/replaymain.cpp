// A main() for a harness without libFuzzer, so any compiler's build can run
// the committed inputs through it (GCC's ASan + UBSan build registers one
// ctest per harness, fuzz/replay_<target>). It only replays: no mutation, no
// coverage. Fuzzing itself needs clang and the fuzz preset (scripts/fuzz.sh).
//
//   replay_<target> PATH...
//
// Each PATH is an input file or a folder, walked recursively in name order.
// Prints how many inputs ran; exits 1 when a path is missing or unreadable, or
// when no input ran at all (a corpus that went missing is a failure, not a
// pass). A crash or a sanitizer report ends the process as it would under
// libFuzzer.

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

namespace fs = std::filesystem;

bool collect(const fs::path& path, std::vector<fs::path>& inputs)
{
    std::error_code ec;
    if (fs::is_regular_file(path, ec)) {
        inputs.push_back(path);
        return true;
    }
    if (!fs::is_directory(path, ec)) {
        std::fprintf(stderr, "replay: %s is neither a file nor a folder\n", path.c_str());
        return false;
    }
    std::vector<fs::path> found;
    for (fs::recursive_directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
        if (it->is_regular_file(ec))
            found.push_back(it->path());
    }
    if (ec) {
        std::fprintf(stderr, "replay: cannot list %s: %s\n", path.c_str(), ec.message().c_str());
        return false;
    }
    std::sort(found.begin(), found.end());
    inputs.insert(inputs.end(), found.begin(), found.end());
    return true;
}

} // namespace

int main(int argc, char** argv)
{
    std::vector<fs::path> inputs;
    bool ok = true;
    for (int i = 1; i < argc; ++i)
        ok = collect(argv[i], inputs) && ok;
    if (!ok)
        return 1;
    if (inputs.empty()) {
        std::fprintf(stderr, "replay: no inputs\n");
        return 1;
    }
    for (const fs::path& input : inputs) {
        std::ifstream file(input, std::ios::binary);
        if (!file) {
            std::fprintf(stderr, "replay: cannot open %s\n", input.c_str());
            return 1;
        }
        const std::string bytes { std::istreambuf_iterator<char>(file), {} };
        // An empty input gets a valid pointer too, as under libFuzzer.
        static const std::uint8_t none = 0;
        LLVMFuzzerTestOneInput(
            bytes.empty() ? &none : reinterpret_cast<const std::uint8_t*>(bytes.data()),
            bytes.size());
    }
    std::printf("replay: %zu inputs ran\n", inputs.size());
    return 0;
}
