#pragma once

// A workspace folder as if cloned from someone's repository ("cloned/") next
// to a folder standing for the user's home ("home/"), for the tests that show
// a workspace cannot make Tollgate read or write outside itself; and the file
// helpers they build and inspect them with.

#include <QStringList>
#include <QTemporaryDir>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

namespace testsupport {

inline void writeText(const std::filesystem::path& path, std::string_view text)
{
    std::filesystem::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
}

inline std::string readText(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

/// Every entry below dir (links included, not followed), relative, sorted:
/// what a test compares before and after to show nothing was written there.
inline QStringList entriesBelow(const std::filesystem::path& dir)
{
    QStringList out;
    std::error_code ec;
    for (std::filesystem::recursive_directory_iterator it(dir, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec))
        out << QString::fromStdString(it->path().lexically_relative(dir).generic_string());
    out.sort();
    return out;
}

struct ClonedWorkspace {
    QTemporaryDir tmp;
    std::filesystem::path ws; ///< the workspace, made
    std::filesystem::path home; ///< outside it, made

    ClonedWorkspace()
        : ws(std::filesystem::path(tmp.path().toStdString()) / "cloned")
        , home(std::filesystem::path(tmp.path().toStdString()) / "home")
    {
        std::filesystem::create_directories(ws);
        std::filesystem::create_directories(home);
    }
};

} // namespace testsupport
