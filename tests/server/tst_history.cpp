// The composer's history file (.tollgate/history.jsonl): one compact JSON line
// per request, torn and broken lines skipped, compaction to the newest
// entries, clearing, and no secret of a workspace key in it.

#include "server/composer/history.h"

#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace tollgate::server;
namespace fs = std::filesystem;

namespace {

fs::path pathOf(const QTemporaryDir& dir)
{
    return fs::path(dir.path().toStdString());
}

std::string readText(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void appendText(const fs::path& path, const std::string& text)
{
    std::ofstream out(path, std::ios::binary | std::ios::app);
    out << text;
}

std::size_t lineCount(const fs::path& path)
{
    const std::string text = readText(path);
    return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

std::vector<std::string> namesIn(const fs::path& dir)
{
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir))
        names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

HistoryEntry entry(int n)
{
    HistoryEntry e;
    e.timeMs = 1'764'000'000'000 + n;
    e.environment = "Local";
    e.request.method = "GET";
    e.request.url = "{{baseUrl}}/v1/items/" + std::to_string(n);
    e.status = 200;
    e.totalMs = n;
    e.bytes = 100 + n;
    return e;
}

std::vector<std::int64_t> timesOf(const std::vector<HistoryEntry>& entries)
{
    std::vector<std::int64_t> out;
    for (const HistoryEntry& e : entries)
        out.push_back(e.timeMs - 1'764'000'000'000);
    return out;
}

const std::string kSecret = "tg_dev_4eC39HqLyjWDarjtT1zdp7dcSECRET";

} // namespace

class TestHistory : public QObject {
    Q_OBJECT

private slots:
    void lineFormat();
    void appendAndLoadEveryField();
    void createsStateDirectory();
    void keyIdNeverWritesToken();
    void tornLastLineSkippedAndNotGluedTo();
    void brokenLinesSkipped();
    void loadReturnsNewestLimit();
    void compactionKeepsNewest();
    void compactionCountsExistingLines();
    void clear();
};

void TestHistory::lineFormat()
{
    HistoryEntry e = entry(1);
    e.request.bodyKind = ComposerRequest::BodyKind::Raw;
    e.request.body = "line1\nline2";
    e.error = "connection refused";
    e.status = 0;
    const std::string line = historyEntryToJson(e);
    QVERIFY(line.find('\n') == std::string::npos);
    QVERIFY2(line.starts_with("{\"time\":1764000000001,\"environment\":\"Local\",\"request\":{"
                              "\"method\":\"GET\",\"url\":\"{{baseUrl}}/v1/items/1\","),
        line.c_str());
    QVERIFY2(line.ends_with(",\"status\":0,\"totalMs\":1,\"bytes\":101,"
                            "\"error\":\"connection refused\"}"),
        line.c_str());
    QVERIFY(
        line.find("\"body\":{\"kind\":\"raw\",\"text\":\"line1\\nline2\"}") != std::string::npos);
    // Lines are not files: no name, no schemaVersion of their own.
    QVERIFY(line.find("\"name\"") == std::string::npos);
    QVERIFY(line.find("schemaVersion") == std::string::npos);

    HistoryEntry back;
    QVERIFY(historyEntryFromJson(line, &back));
    QVERIFY(back == e);
    QVERIFY(!historyEntryFromJson("", &back));
    QVERIFY(!historyEntryFromJson("[1]", &back));
    QVERIFY(!historyEntryFromJson("{\"time\":1}", &back)); // no request
    QVERIFY(!historyEntryFromJson("{\"time\":-1,\"request\":{}}", &back));
    QVERIFY(!historyEntryFromJson("{\"time\":1,\"request\":{\"method\":\"A B\"}}", &back));
    QVERIFY(back == e); // untouched on failure
}

void TestHistory::appendAndLoadEveryField()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    HistoryLog log(pathOf(tmp) / ".tollgate" / "history.jsonl");
    QVERIFY(log.load().empty()); // no file yet

    std::vector<HistoryEntry> expected;
    HistoryEntry full = entry(1);
    ComposerRequest& r = full.request;
    r.method = "POST";
    r.headers = { { "Content-Type", "application/json" }, { "X-Ü", "✓ \"q\"" } };
    r.bodyKind = ComposerRequest::BodyKind::Multipart;
    r.formFields = { { "a", "1" }, { "file", "@bodies/x.bin" } };
    r.auth = ComposerRequest::AuthKind::Basic;
    r.basicUser = "ada";
    r.basicPassword = "pw";
    r.followRedirects = r.http2 = r.compressed = r.insecure = true;
    r.connectTimeoutMs = 1500;
    r.totalTimeoutMs = 30000;
    full.status = 503;
    full.totalMs = 1234;
    full.bytes = 5'000'000'000;
    full.error = "";
    expected.push_back(full);
    HistoryEntry failed = entry(2);
    failed.status = 0;
    failed.bytes = 0;
    failed.environment = "Staging";
    failed.error = "Host not found: api.invalid";
    expected.push_back(failed);
    expected.push_back(entry(3));

    std::string error;
    for (const HistoryEntry& e : expected)
        QVERIFY2(log.append(e, &error), error.c_str());
    QCOMPARE(lineCount(log.file()), std::size_t(3));

    std::size_t skipped = 99;
    const std::vector<HistoryEntry> loaded = log.load(&skipped);
    QCOMPARE(skipped, std::size_t(0));
    QCOMPARE(loaded.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i)
        QVERIFY2(loaded[i] == expected[i], std::to_string(i).c_str());
    // A second log over the same file (the app restarted) sees the same.
    QVERIFY(HistoryLog(log.file()).load() == expected);
}

void TestHistory::createsStateDirectory()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const fs::path state = pathOf(tmp) / ".tollgate";
    HistoryLog log(state / "history.jsonl");
    std::string error;
    QVERIFY2(log.append(entry(1), &error), error.c_str());
    QVERIFY(fs::is_regular_file(state / "history.jsonl"));
    // What was typed (tokens, passwords) stays out of git even when the
    // workspace's own .gitignore does not cover .tollgate/.
    QCOMPARE(readText(state / ".gitignore"), std::string("*\n"));
    struct stat st { };
    QCOMPARE(::stat((state / "history.jsonl").c_str(), &st), 0);
    QCOMPARE(st.st_mode & 0777, mode_t(0600));

    // An existing .gitignore is the user's and is left alone.
    fs::remove(state / "history.jsonl");
    std::ofstream(state / ".gitignore") << "history.jsonl\n";
    QVERIFY(HistoryLog(state / "history.jsonl").append(entry(2), &error));
    QCOMPARE(readText(state / ".gitignore"), std::string("history.jsonl\n"));

    // Elsewhere (not a .tollgate directory) nothing extra is written.
    HistoryLog other(pathOf(tmp) / "deep" / "er" / "h.jsonl");
    QVERIFY2(other.append(entry(1), &error), error.c_str());
    QCOMPARE(namesIn(pathOf(tmp) / "deep" / "er"), std::vector<std::string> { "h.jsonl" });

    // A directory that cannot be created is an error, not a crash.
    std::ofstream(pathOf(tmp) / "file") << "x";
    HistoryLog blocked(pathOf(tmp) / "file" / "history.jsonl");
    error.clear();
    QVERIFY(!blocked.append(entry(1), &error));
    QVERIFY(!error.empty());
}

void TestHistory::keyIdNeverWritesToken()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    HistoryLog log(pathOf(tmp) / ".tollgate" / "history.jsonl");
    for (auto kind : { ComposerRequest::AuthKind::Bearer, ComposerRequest::AuthKind::ApiKey }) {
        HistoryEntry e = entry(static_cast<int>(kind));
        e.request.auth = kind;
        e.request.keyId = "key_7f3a";
        e.request.token = kSecret; // what was actually sent
        QVERIFY(historyEntryToJson(e).find(kSecret) == std::string::npos);
        std::string error;
        QVERIFY2(log.append(e, &error), error.c_str());
    }
    const std::string text = readText(log.file());
    QVERIFY2(text.find(kSecret) == std::string::npos, text.c_str());
    QVERIFY(text.find("\"keyId\":\"key_7f3a\"") != std::string::npos);
    for (const HistoryEntry& e : log.load()) {
        QCOMPARE(e.request.keyId, std::string("key_7f3a"));
        QVERIFY(e.request.token.empty());
    }
}

void TestHistory::tornLastLineSkippedAndNotGluedTo()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const fs::path file = pathOf(tmp) / "history.jsonl";
    std::string error;
    {
        HistoryLog log(file);
        QVERIFY(log.append(entry(1), &error));
        QVERIFY(log.append(entry(2), &error));
    }
    const std::string kept = readText(file);
    // A crash in the middle of writing the third line.
    const std::string third = historyEntryToJson(entry(3));
    appendText(file, third.substr(0, third.size() / 2));

    // That entry was never stored: skipped, and not reported as a broken line.
    HistoryLog log(file);
    std::size_t skipped = 0;
    QCOMPARE(timesOf(log.load(&skipped)), (std::vector<std::int64_t> { 1, 2 }));
    QCOMPARE(skipped, std::size_t(0));

    // The next append removes the torn line instead of leaving it behind as a
    // broken one, and its own line stands alone.
    QVERIFY2(log.append(entry(4), &error), error.c_str());
    QCOMPARE(timesOf(log.load(&skipped)), (std::vector<std::int64_t> { 1, 2, 4 }));
    QCOMPARE(skipped, std::size_t(0));
    QCOMPARE(readText(file), kept + historyEntryToJson(entry(4)) + "\n");

    // A whole entry that only lacks its newline (written by hand) is kept.
    appendText(file, historyEntryToJson(entry(5)));
    QVERIFY2(log.append(entry(6), &error), error.c_str());
    QCOMPARE(timesOf(log.load(&skipped)), (std::vector<std::int64_t> { 1, 2, 4, 5, 6 }));
    QCOMPARE(skipped, std::size_t(0));
}

void TestHistory::brokenLinesSkipped()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const fs::path file = pathOf(tmp) / "history.jsonl";
    appendText(file,
        historyEntryToJson(entry(1)) + "\n" + "not json\n" + "\n" + "{\"time\":\"soon\"}\n"
            + historyEntryToJson(entry(2)) + "\r\n" + "[]\n" + historyEntryToJson(entry(3))
            + "\n\n");
    std::size_t skipped = 0;
    QCOMPARE(timesOf(HistoryLog(file).load(&skipped)), (std::vector<std::int64_t> { 1, 2, 3 }));
    QCOMPARE(skipped, std::size_t(3));
}

void TestHistory::loadReturnsNewestLimit()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const fs::path file = pathOf(tmp) / "history.jsonl";
    std::string text;
    for (int i = 1; i <= 8; ++i)
        text += historyEntryToJson(entry(i)) + "\n";
    appendText(file, text);
    QCOMPARE(timesOf(HistoryLog(file, 3).load()), (std::vector<std::int64_t> { 6, 7, 8 }));
    QCOMPARE(HistoryLog(file, 100).load().size(), std::size_t(8));
}

void TestHistory::compactionKeepsNewest()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const fs::path dir = pathOf(tmp) / ".tollgate";
    const fs::path file = dir / "history.jsonl";
    HistoryLog log(file, 5);
    std::string error;
    // The file grows to twice the limit before it is rewritten, so most
    // appends are one small write.
    for (int i = 1; i <= 10; ++i) {
        QVERIFY2(log.append(entry(i), &error), error.c_str());
        QCOMPARE(lineCount(file), std::size_t(i));
    }
    QVERIFY2(log.append(entry(11), &error), error.c_str());
    QCOMPARE(lineCount(file), std::size_t(5));
    QCOMPARE(timesOf(log.load()), (std::vector<std::int64_t> { 7, 8, 9, 10, 11 }));
    // Rewritten via a temporary file that is gone afterwards.
    QCOMPARE(namesIn(dir), (std::vector<std::string> { ".gitignore", "history.jsonl" }));
    struct stat st { };
    QCOMPARE(::stat(file.c_str(), &st), 0);
    QCOMPARE(st.st_mode & 0777, mode_t(0600));

    // Counting goes on from the compacted size.
    for (int i = 12; i <= 16; ++i)
        QVERIFY(log.append(entry(i), &error));
    QCOMPARE(lineCount(file), std::size_t(10));
    QVERIFY(log.append(entry(17), &error));
    QCOMPARE(timesOf(log.load()), (std::vector<std::int64_t> { 13, 14, 15, 16, 17 }));
    QCOMPARE(lineCount(file), std::size_t(5));
}

void TestHistory::compactionCountsExistingLines()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const fs::path file = pathOf(tmp) / "history.jsonl";
    std::string text;
    for (int i = 1; i <= 10; ++i)
        text += historyEntryToJson(entry(i)) + "\n";
    text += "broken\n";
    appendText(file, text);

    // A fresh log (the app restarted) counts what is there on its first
    // append: eleven lines plus this one is past twice the limit.
    HistoryLog log(file, 5);
    std::string error;
    QVERIFY2(log.append(entry(12), &error), error.c_str());
    QCOMPARE(lineCount(file), std::size_t(5));
    std::size_t skipped = 9;
    QCOMPARE(timesOf(log.load(&skipped)), (std::vector<std::int64_t> { 7, 8, 9, 10, 12 }));
    QCOMPARE(skipped, std::size_t(0)); // compaction dropped the broken line
}

void TestHistory::clear()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const fs::path file = pathOf(tmp) / ".tollgate" / "history.jsonl";
    HistoryLog log(file, 2);
    std::string error;
    QVERIFY2(log.clear(&error), error.c_str()); // nothing to clear is fine
    for (int i = 1; i <= 4; ++i)
        QVERIFY(log.append(entry(i), &error));
    QVERIFY2(log.clear(&error), error.c_str());
    QVERIFY(!fs::exists(file));
    QVERIFY(log.load().empty());
    // Counting restarts: four more appends do not compact yet.
    for (int i = 5; i <= 8; ++i)
        QVERIFY(log.append(entry(i), &error));
    QCOMPARE(lineCount(file), std::size_t(4));
    QCOMPARE(timesOf(log.load()), (std::vector<std::int64_t> { 7, 8 }));
}

QTEST_GUILESS_MAIN(TestHistory)
#include "tst_history.moc"
