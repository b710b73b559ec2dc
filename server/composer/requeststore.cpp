#include "server/composer/requeststore.h"

#include "server/common/files.h"
#include "server/common/text.h"
#include "server/composer/composerjson.h"
#include "server/workspace/jsonfile.h"
#include "server/workspace/workspacestore.h"

#include <algorithm>
#include <map>
#include <system_error>
#include <tuple>

namespace tollgate::server {

namespace fs = std::filesystem;
namespace json = boost::json;
using jsonfile::jsonQuoted;
using jsonfile::jsonString;
using jsonfile::Reader;

namespace {

constexpr std::string_view kRequestsDir = "requests";
constexpr std::size_t kMaxSlug = 80;
constexpr std::size_t kMaxFolderName = 100;

bool isJsonFileName(std::string_view name)
{
    return name.size() > 5 && name.substr(name.size() - 5) == ".json" && name.front() != '.';
}

bool validRequestFileName(std::string_view name)
{
    return isJsonFileName(name) && name.size() <= 255
        && name.find_first_of(std::string_view("/\\\0", 3)) == std::string_view::npos;
}

bool hasControlCharacter(std::string_view s)
{
    return std::any_of(
        s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; });
}

/// Why `folder` cannot be a folder under requests/, or empty when it can.
/// Folders travel through git to every OS, so names Windows or macOS would
/// refuse (or that would escape the requests directory) are refused here.
std::string folderProblem(std::string_view folder)
{
    if (folder.empty())
        return {};
    const std::string quoted = "folder " + jsonQuoted(folder);
    if (folder.find('\\') != std::string_view::npos)
        return quoted + " must separate folders with '/', not '\\'";
    if (folder.front() == '/')
        return quoted + " must be relative to requests/ (no leading '/')";
    std::size_t begin = 0;
    while (begin <= folder.size()) {
        std::size_t end = folder.find('/', begin);
        if (end == std::string_view::npos)
            end = folder.size();
        const std::string_view part = folder.substr(begin, end - begin);
        if (part.empty())
            return quoted + " has an empty folder name (\"//\" or a '/' at the end)";
        if (part == "." || part == "..")
            return quoted + " must not contain \".\" or \"..\"";
        if (part.front() == '.')
            return quoted
                + ": folder names must not start with '.' (hidden folders are not loaded)";
        if (part.back() == ' ' || part.front() == ' ')
            return quoted + ": folder names must not start or end with a space";
        if (part.size() > kMaxFolderName)
            return quoted + ": folder names must be at most " + std::to_string(kMaxFolderName)
                + " characters";
        if (hasControlCharacter(part) || part.find_first_of("<>:\"|?*") != std::string_view::npos)
            return quoted + " must not contain control characters or any of <>:\"|?*";
        begin = end + 1;
    }
    return {};
}

std::string relativeFile(const std::string& folder, const std::string& fileName)
{
    std::string out(kRequestsDir);
    for (const std::string* part : { &folder, &fileName }) {
        if (!part->empty()) {
            out += '/';
            out += *part;
        }
    }
    return out;
}

/// Lowercase ASCII letters and digits joined by single '-'.
std::string slugOf(std::string_view name)
{
    std::string slug;
    for (char c : name) {
        if (c >= 'A' && c <= 'Z')
            slug += static_cast<char>(c - 'A' + 'a');
        else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            slug += c;
        else if (!slug.empty() && slug.back() != '-')
            slug += '-';
        if (slug.size() >= kMaxSlug)
            break;
    }
    while (!slug.empty() && slug.back() == '-')
        slug.pop_back();
    return slug.empty() ? std::string("request") : slug;
}

/// "<base>.json", else "<base>-2.json", ... not taken in dir nor in `taken`
/// (lowercase). Compared case-insensitively so names never collide on macOS or Windows checkouts.
std::string uniqueFileName(
    const fs::path& dir, const std::string& base, std::vector<std::string> taken = {})
{
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec); !ec && it != fs::directory_iterator();
         it.increment(ec))
        taken.push_back(lowerAscii(it->path().filename().string()));
    auto isTaken = [&](const std::string& name) {
        return std::find(taken.begin(), taken.end(), lowerAscii(name)) != taken.end();
    };
    std::string name = base + ".json";
    for (int n = 2; isTaken(name); ++n)
        name = base + '-' + std::to_string(n) + ".json";
    return name;
}

bool parseSavedRequest(std::string_view text, const std::string& fileName, SavedRequest* out,
    std::vector<Diagnostic>* errors)
{
    json::value root;
    if (!jsonfile::parseJson(text, fileName, &root, errors))
        return false;
    Reader r(text, fileName, errors);
    if (!root.is_object()) {
        r.error("", "a saved request file must contain a JSON object");
        return false;
    }
    const json::object& o = root.get_object();
    if (!r.checkSchemaVersion(o))
        return false;

    SavedRequest saved;
    const std::string base = fs::path(fileName).filename().string();
    if (r.getString(o, "name", "", &saved.name)) {
        if (saved.name.find_first_not_of(' ') == std::string::npos)
            r.error("/name", "\"name\" must not be empty");
        else if (hasControlCharacter(saved.name))
            r.error("/name", "\"name\" must be one line without control characters");
    } else if (!o.contains("name")) {
        // Hand-written files may leave the name out: the file says what it is.
        saved.name = base.size() > 5 ? base.substr(0, base.size() - 5) : base;
    }
    readComposerRequest(r, o, "", &saved.request);
    if (r.errorCount() > 0)
        return false;
    saved.fileName = validRequestFileName(base) ? base : std::string();
    *out = std::move(saved);
    return true;
}

/// Why the request cannot be written to disk, or empty when it can.
std::string saveProblem(const SavedRequest& request)
{
    if (std::string problem = folderProblem(request.folder); !problem.empty())
        return problem;
    if (request.name.find_first_not_of(' ') == std::string::npos)
        return "the request needs a name";
    if (!request.fileName.empty() && !validRequestFileName(request.fileName))
        return "file name " + jsonQuoted(request.fileName)
            + " must be a plain \"<name>.json\" without '/', '\\' or a leading '.'";
    // What is written must load again, so the loader's checks decide.
    std::vector<Diagnostic> errors;
    SavedRequest ignored;
    if (!parseSavedRequest(savedRequestToJson(request), "request", &ignored, &errors))
        return errors.empty() ? std::string("the request is not valid") : errors.front().message;
    return {};
}

/// True, with the reason in *error, when requests/ leads out of the workspace
/// (a link in a cloned repository): nothing is written under it then.
bool requestsLeadOut(const fs::path& workspaceDir, std::string* error)
{
    std::string problem = outsideProblem(workspaceDir, kRequestsDir);
    if (!problem.empty())
        setError(error, std::string(kRequestsDir) + " " + problem + "; not writing there");
    return !problem.empty();
}

} // namespace

std::string savedRequestToJson(const SavedRequest& request)
{
    json::object o;
    o["schemaVersion"] = kSchemaVersion;
    o["name"] = jsonString(request.name);
    writeComposerRequest(request.request, &o);
    return jsonfile::toPrettyText(o);
}

bool savedRequestFromJson(
    std::string_view text, const std::string& fileName, SavedRequest* out, Diagnostic* error)
{
    std::vector<Diagnostic> errors;
    if (parseSavedRequest(text, fileName, out, &errors))
        return true;
    if (error && !errors.empty())
        *error = errors.front();
    return false;
}

RequestLoadResult loadRequests(const fs::path& workspaceDir)
{
    RequestLoadResult result;
    const fs::path root = workspaceDir / kRequestsDir;
    std::error_code ec;
    if (!fs::is_directory(root, ec))
        return result;
    if (std::string problem = outsideProblem(workspaceDir, kRequestsDir); !problem.empty()) {
        result.errors.push_back({ std::string(kRequestsDir), 0, 0,
            "folder " + problem + "; no saved request is loaded" });
        return result;
    }

    // Collected first and read in sorted order, so diagnostics come out the
    // same on every machine whatever order the directory lists in.
    std::vector<std::pair<std::string, std::string>> files; // folder, file name
    fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        const std::string name = it->path().filename().string();
        std::error_code typeEc;
        // Symbolic links are not followed: a shared workspace must not make
        // the composer read (and show in diagnostics) files outside it.
        if (name.empty() || name.front() == '.' || it->is_symlink(typeEc)) {
            if (it->is_directory(typeEc))
                it.disable_recursion_pending();
            continue;
        }
        const fs::path relative = it->path().lexically_relative(root);
        if (it->is_directory(typeEc)) {
            const std::string folder = relative.generic_string();
            if (std::string problem = folderProblem(folder); problem.empty()) {
                result.folders.push_back(folder);
            } else {
                result.errors.push_back({ relativeFile(folder, ""), 0, 0,
                    problem + "; the requests in it are not loaded" });
                it.disable_recursion_pending();
            }
        } else if (it->is_regular_file(typeEc) && isJsonFileName(name)) {
            files.emplace_back(relative.parent_path().generic_string(), name);
        }
    }
    if (ec)
        result.errors.push_back(
            { std::string(kRequestsDir), 0, 0, "cannot read the folder: " + ec.message() });

    std::sort(files.begin(), files.end());
    for (const auto& [folder, name] : files) {
        const std::string relative = relativeFile(folder, name);
        std::string text, error;
        if (!readFile(requestFolderPath(workspaceDir, folder) / name, &text, &error)) {
            result.errors.push_back({ relative, 0, 0, error });
            continue;
        }
        SavedRequest request;
        if (parseSavedRequest(text, relative, &request, &result.errors)) {
            request.folder = folder;
            request.fileName = name;
            result.requests.push_back(std::move(request));
        }
    }
    std::sort(result.folders.begin(), result.folders.end());
    std::stable_sort(result.requests.begin(), result.requests.end(),
        [](const SavedRequest& l, const SavedRequest& r) {
            return std::tie(l.folder, l.name, l.fileName) < std::tie(r.folder, r.name, r.fileName);
        });
    return result;
}

bool requestFiles(const fs::path& workspaceDir, std::vector<SavedRequest>* requests,
    std::vector<std::pair<fs::path, std::string>>* files, std::string* error)
{
    // Never written through a requests/ folder (or subfolder) that is a link.
    if (!requests->empty() && requestsLeadOut(workspaceDir, error))
        return false;
    std::map<fs::path, std::vector<std::string>> named; // per folder, lowercase
    for (SavedRequest& request : *requests) {
        if (std::string problem = saveProblem(request); !problem.empty()) {
            setError(error, "cannot save " + jsonQuoted(request.name) + ": " + problem);
            return false;
        }
        const fs::path dir = requestFolderPath(workspaceDir, request.folder);
        std::vector<std::string>& taken = named[dir];
        if (request.fileName.empty())
            request.fileName = uniqueFileName(dir, slugOf(request.name), taken);
        taken.push_back(lowerAscii(request.fileName));
        files->emplace_back(dir / request.fileName, savedRequestToJson(request));
    }
    return true;
}

bool saveRequest(const fs::path& workspaceDir, SavedRequest* request, std::string* error)
{
    std::vector<SavedRequest> one { *request };
    std::vector<std::pair<fs::path, std::string>> files;
    if (!requestFiles(workspaceDir, &one, &files, error))
        return false;
    const fs::path dir = files.front().first.parent_path();
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) {
        setError(error, "cannot create " + dir.string() + ": " + ec.message());
        return false;
    }
    if (!writeFileAtomic(files.front().first, files.front().second, error))
        return false;
    request->fileName = one.front().fileName;
    return true;
}

fs::path requestFolderPath(const fs::path& workspaceDir, const std::string& folder)
{
    fs::path dir = workspaceDir / kRequestsDir;
    if (!folder.empty())
        dir /= fs::path(folder); // '/'-separated, which every platform accepts
    return dir;
}

bool deleteRequest(const fs::path& workspaceDir, const SavedRequest& request, std::string* error)
{
    if (std::string problem = folderProblem(request.folder); !problem.empty()) {
        setError(error, problem);
        return false;
    }
    if (!validRequestFileName(request.fileName)) {
        setError(error, "the request " + jsonQuoted(request.name) + " has no file to delete");
        return false;
    }
    // A file that is already gone (deleted outside the app) is what the
    // caller asked for, so that is no error.
    const fs::path path = requestFolderPath(workspaceDir, request.folder) / request.fileName;
    std::error_code ec;
    fs::remove(path, ec);
    if (ec) {
        setError(error, "cannot delete " + path.string() + ": " + ec.message());
        return false;
    }
    return true;
}

bool createRequestFolder(
    const fs::path& workspaceDir, const std::string& folder, std::string* error)
{
    if (folder.empty()) {
        setError(error, "the folder needs a name");
        return false;
    }
    if (std::string problem = folderProblem(folder); !problem.empty()) {
        setError(error, problem);
        return false;
    }
    if (requestsLeadOut(workspaceDir, error))
        return false;
    const fs::path dir = requestFolderPath(workspaceDir, folder);
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec || !fs::is_directory(dir, ec)) {
        setError(error,
            "cannot create " + dir.string() + ": " + (ec ? ec.message() : "a file has that name"));
        return false;
    }
    return true;
}

bool moveRequest(const fs::path& workspaceDir, SavedRequest* request, const std::string& folder,
    std::string* error)
{
    if (std::string problem = folderProblem(folder); !problem.empty()) {
        setError(error, problem);
        return false;
    }
    if (request->fileName.empty()) {
        // Never saved: moving it is saving it there.
        SavedRequest moved = *request;
        moved.folder = folder;
        if (!saveRequest(workspaceDir, &moved, error))
            return false;
        *request = std::move(moved);
        return true;
    }
    if (std::string problem = folderProblem(request->folder); !problem.empty()) {
        setError(error, problem);
        return false;
    }
    if (!validRequestFileName(request->fileName)) {
        setError(error, "file name " + jsonQuoted(request->fileName) + " is not a request file");
        return false;
    }
    if (folder == request->folder)
        return true;

    const fs::path from = requestFolderPath(workspaceDir, request->folder) / request->fileName;
    const fs::path targetDir = requestFolderPath(workspaceDir, folder);
    std::error_code ec;
    if (!fs::is_regular_file(from, ec)) {
        setError(error, from.string() + " no longer exists");
        return false;
    }
    fs::create_directories(targetDir, ec);
    if (ec) {
        setError(error, "cannot create " + targetDir.string() + ": " + ec.message());
        return false;
    }
    // The file keeps its name (and so its history in git) unless the target
    // folder already has one by that name.
    const std::string& current = request->fileName;
    const std::string name
        = uniqueFileName(targetDir, current.substr(0, current.size() - 5 /* ".json" */));
    // A rename moves the bytes as they are on disk, never half a file.
    fs::rename(from, targetDir / name, ec);
    if (ec) {
        setError(error,
            "cannot move " + from.string() + " to " + (targetDir / name).string() + ": "
                + ec.message());
        return false;
    }
    request->folder = folder;
    request->fileName = name;
    return true;
}

} // namespace tollgate::server
