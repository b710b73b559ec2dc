// API keys: the tg_<env>_<payload><checksum> format, generation, hashing,
// and rotate/revoke/expiry semantics shared by the panel and `tollgated keys`.

#include "server/access/apikey.h"

#include <QRegularExpression>
#include <QTest>

#include <array>
#include <cstdint>
#include <set>
#include <string>
#include <utility>
#include <vector>

using namespace tollgate::server;

Q_DECLARE_METATYPE(std::string)

namespace {

constexpr std::string_view kBase62
    = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

QByteArray bytes(const std::string& s)
{
    return QByteArray::fromStdString(s);
}

// Keys whose checksum was computed independently of the code under test
// (Python: zlib.crc32 of the body, written as 6 base62 digits), so the format
// is pinned to its documented definition rather than to the implementation.
const std::string kKnownDev = "tg_dev_" + std::string(43, '0') + "3607Qu";
const std::string kKnownLive = "tg_live_Zz9Zz9Zz9Zz9Zz9Zz9Zz9Zz9Zz9Zz9Zz9Zz9Zz9Zz9a41m1DL";
const std::string kKnownQa = "tg_qa1_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefg1VdyKb";

/// The payload digits of a key as a 256-bit big-endian number; false when
/// they do not fit in 256 bits.
bool payloadBits(const std::string& key, std::array<unsigned char, 32>* out)
{
    const auto sep = key.find('_', 3);
    const std::string payload = key.substr(sep + 1, kKeyPayloadDigits);
    std::array<unsigned, 33> acc {}; // one spare byte to detect overflow
    for (char c : payload) {
        unsigned carry = static_cast<unsigned>(kBase62.find(c));
        for (std::size_t i = acc.size(); i-- > 0;) {
            const unsigned v = acc[i] * 62 + carry;
            acc[i] = v & 0xFF;
            carry = v >> 8;
        }
        if (carry != 0)
            return false;
    }
    if (acc[0] != 0)
        return false;
    for (std::size_t i = 0; i < 32; ++i)
        (*out)[i] = static_cast<unsigned char>(acc[i + 1]);
    return true;
}

ApiKey makeKey(std::string id, std::int64_t created)
{
    KeyOptions options;
    options.tier = "pro";
    options.label = "Mobile app, prod";
    options.owner = "ops@example.com";
    options.scopes = { "read", "write" };
    NewKey created_;
    std::string error;
    if (!createKey("development", options, created, &created_, &error))
        qFatal("createKey failed: %s", error.c_str());
    created_.record.id = std::move(id);
    return created_.record;
}

} // namespace

class TestApiKey : public QObject {
    Q_OBJECT

private slots:
    void knownVectorsPass();
    void createdKeyFormat();
    void createdKeysUniqueAndValid();
    void payloadCarries256RandomBits();
    void longEnvironmentTokenStillValid();
    void everySingleEditRejected();
    void malformedInputs_data();
    void malformedInputs();
    void sha256KnownVectors();
    void hexRoundTripAndRejection();
    void digestsEqualComparesAllBytes();
    void environmentTokens_data();
    void environmentTokens();
    void rotateKeepsAttributesAndShortensGrace();
    void rotateErrorsLeaveKeysAlone();
    void revoke();
    void keyStateAtExpiry();
    void parseDurationCases_data();
    void parseDurationCases();
};

void TestApiKey::knownVectorsPass()
{
    QCOMPARE(checkKeyFormat(kKnownDev), KeyFormat::Ok);
    QCOMPARE(checkKeyFormat(kKnownLive), KeyFormat::Ok);
    QCOMPARE(checkKeyFormat(kKnownQa), KeyFormat::Ok);
    QCOMPARE(bytes(keyPrefix(kKnownLive)), QByteArray("tg_live_Zz9Zz9Zz"));
    QCOMPARE(bytes(keyPrefix(kKnownDev)), QByteArray("tg_dev_00000000"));
}

void TestApiKey::createdKeyFormat()
{
    KeyOptions options;
    options.tier = "pro";
    options.label = "CI";
    options.owner = "me@example.com";
    options.scopes = { "read" };
    options.expires = 1'900'000'000;
    NewKey key;
    std::string error;
    QVERIFY2(createKey("development", options, 1'800'000'000, &key, &error), error.c_str());

    static const QRegularExpression keyShape(QStringLiteral("^tg_dev_[0-9A-Za-z]{49}$"));
    QVERIFY2(keyShape.match(QString::fromStdString(key.secret)).hasMatch(), key.secret.c_str());
    QCOMPARE(key.secret.size(), std::size_t(3 + 3 + 1 + 43 + 6));
    QCOMPARE(checkKeyFormat(key.secret), KeyFormat::Ok);

    const ApiKey& r = key.record;
    static const QRegularExpression idShape(QStringLiteral("^key_[0-9A-Za-z]{9}$"));
    QVERIFY2(idShape.match(QString::fromStdString(r.id)).hasMatch(), r.id.c_str());
    QCOMPARE(bytes(r.prefix), bytes(key.secret.substr(0, 15)));
    QCOMPARE(bytes(r.prefix), bytes(keyPrefix(key.secret)));
    QCOMPARE(bytes(r.hash), bytes(toHex(sha256(key.secret))));
    QVERIFY(r.hash.find(key.secret) == std::string::npos);
    QCOMPARE(bytes(r.tier), QByteArray("pro"));
    QCOMPARE(bytes(r.label), QByteArray("CI"));
    QCOMPARE(bytes(r.owner), QByteArray("me@example.com"));
    QCOMPARE(r.scopes, std::vector<std::string> { "read" });
    QCOMPARE(r.created, std::int64_t(1'800'000'000));
    QCOMPARE(r.expires, std::int64_t(1'900'000'000));
    QCOMPARE(r.revoked, std::int64_t(0));
    QVERIFY(r.rotatedFrom.empty());

    NewKey live;
    QVERIFY(createKey("Production", {}, 1, &live, &error));
    QVERIFY2(live.secret.rfind("tg_live_", 0) == 0, live.secret.c_str());
    QCOMPARE(live.secret.size(), std::size_t(3 + 4 + 1 + 43 + 6));
    QCOMPARE(checkKeyFormat(live.secret), KeyFormat::Ok);
}

void TestApiKey::createdKeysUniqueAndValid()
{
    std::set<std::string> secrets, ids, hashes, prefixes;
    for (int i = 0; i < 1000; ++i) {
        NewKey key;
        std::string error;
        QVERIFY2(createKey("dev", {}, 0, &key, &error), error.c_str());
        QCOMPARE(checkKeyFormat(key.secret), KeyFormat::Ok);
        secrets.insert(key.secret);
        ids.insert(key.record.id);
        hashes.insert(key.record.hash);
        prefixes.insert(key.record.prefix);
    }
    QCOMPARE(secrets.size(), std::size_t(1000));
    QCOMPARE(ids.size(), std::size_t(1000));
    QCOMPARE(hashes.size(), std::size_t(1000));
    // 8 base62 digits shown: collisions among 1000 keys are ~1e-8 likely.
    QCOMPARE(prefixes.size(), std::size_t(1000));
}

void TestApiKey::payloadCarries256RandomBits()
{
    // The payload must be a full 256-bit random number: every bit position is
    // set in about half of the keys. A payload built from fewer random bytes
    // (or a biased encoding) leaves positions stuck at 0 or 1. With 1000 keys
    // a fair bit is set 500 +/- 16 times; 350..650 is > 9 sigma.
    constexpr int kKeys = 1000;
    std::array<int, 256> ones {};
    for (int i = 0; i < kKeys; ++i) {
        NewKey key;
        QVERIFY(createKey("dev", {}, 0, &key, nullptr));
        std::array<unsigned char, 32> bits {};
        QVERIFY2(payloadBits(key.secret, &bits), key.secret.c_str());
        for (int b = 0; b < 256; ++b)
            ones[b] += (bits[b / 8] >> (7 - b % 8)) & 1;
    }
    for (int b = 0; b < 256; ++b)
        QVERIFY2(ones[b] > 350 && ones[b] < 650,
            qPrintable(
                QStringLiteral("bit %1 set in %2 of %3 keys").arg(b).arg(ones[b]).arg(kKeys)));
}

void TestApiKey::longEnvironmentTokenStillValid()
{
    NewKey key;
    QVERIFY(createKey("Customer Acceptance Testing", {}, 0, &key, nullptr));
    QVERIFY2(key.secret.rfind("tg_customeracce_", 0) == 0, key.secret.c_str());
    QCOMPARE(key.secret.size(), std::size_t(3 + 12 + 1 + 49));
    QCOMPARE(checkKeyFormat(key.secret), KeyFormat::Ok);
    QCOMPARE(bytes(key.record.prefix), bytes(key.secret.substr(0, 16 + 8)));
}

void TestApiKey::everySingleEditRejected()
{
    NewKey created;
    QVERIFY(createKey("dev", {}, 0, &created, nullptr));
    std::vector<std::string> keys { created.secret, kKnownLive, kKnownQa };
    std::string alphabet(kBase62);
    alphabet += "_-.+/= \t\x7f";
    alphabet += '\0';
    alphabet += "\xc3\xa9";

    int checked = 0;
    for (const std::string& key : keys) {
        const std::size_t sep = key.find('_', 3);
        for (std::size_t i = 0; i < key.size(); ++i) {
            // Substitution.
            for (char c : alphabet) {
                if (c == key[i])
                    continue;
                std::string edited = key;
                edited[i] = c;
                const KeyFormat f = checkKeyFormat(edited);
                QVERIFY2(f != KeyFormat::Ok, edited.c_str());
                // A base62 digit swapped inside payload or checksum keeps the
                // shape, so only the checksum can catch it.
                if (i > sep && kBase62.find(c) != std::string_view::npos)
                    QVERIFY2(f == KeyFormat::BadChecksum, edited.c_str());
                ++checked;
            }
            // Deletion of one character.
            std::string shorter = key;
            shorter.erase(i, 1);
            QVERIFY2(checkKeyFormat(shorter) != KeyFormat::Ok, shorter.c_str());
            // Insertion of one character before position i.
            for (char c : kBase62) {
                std::string longer = key;
                longer.insert(longer.begin() + static_cast<std::ptrdiff_t>(i), c);
                QVERIFY2(checkKeyFormat(longer) != KeyFormat::Ok, longer.c_str());
            }
            checked += 1 + static_cast<int>(kBase62.size());
        }
        // Every truncation and every extension at the end.
        for (std::size_t n = 0; n < key.size(); ++n)
            QVERIFY2(checkKeyFormat(key.substr(0, n)) != KeyFormat::Ok, key.substr(0, n).c_str());
        for (char c : alphabet)
            QVERIFY(checkKeyFormat(key + c) != KeyFormat::Ok);
    }
    QVERIFY(checked > 10'000);
}

void TestApiKey::malformedInputs_data()
{
    QTest::addColumn<std::string>("key");
    QTest::addColumn<int>("expected");
    const std::string digits49 = kKnownDev.substr(7);
    const int malformed = static_cast<int>(KeyFormat::Malformed);
    QTest::newRow("empty") << std::string() << malformed;
    QTest::newRow("prefix only") << std::string("tg_") << malformed;
    QTest::newRow("no env separator") << "tg_dev" + digits49 << malformed;
    QTest::newRow("empty env") << "tg__" + digits49 << malformed;
    QTest::newRow("wrong prefix") << "tk_dev_" + digits49 << malformed;
    QTest::newRow("upper-case prefix") << "TG_dev_" + digits49 << malformed;
    QTest::newRow("upper-case env") << "tg_Dev_" + digits49 << malformed;
    QTest::newRow("dash in env") << "tg_d-v_" + digits49 << malformed;
    QTest::newRow("env 13 chars") << "tg_abcdefghijklm_" + digits49 << malformed;
    QTest::newRow("payload with +")
        << "tg_dev_" + digits49.substr(0, 20) + "+" + digits49.substr(21) << malformed;
    QTest::newRow("payload with _")
        << "tg_dev_" + digits49.substr(0, 20) + "_" + digits49.substr(21) << malformed;
    QTest::newRow("payload with UTF-8")
        << "tg_dev_" + digits49.substr(0, 20) + "\xc3\xa9" + digits49.substr(22) << malformed;
    QTest::newRow("payload with NUL") << "tg_dev_" + digits49.substr(0, 20) + std::string(1, '\0')
            + digits49.substr(21) << malformed;
    QTest::newRow("48 digits") << "tg_dev_" + digits49.substr(1) << malformed;
    QTest::newRow("50 digits") << "tg_dev_0" + digits49 << malformed;
    QTest::newRow("far too long") << kKnownDev + std::string(1000, 'a') << malformed;
    QTest::newRow("leading space") << " " + kKnownDev << malformed;
    QTest::newRow("trailing newline") << kKnownDev + "\n" << malformed;
    QTest::newRow("Bearer prefix") << "Bearer " + kKnownDev << malformed;
    QTest::newRow("checksum off by one digit") << kKnownDev.substr(0, kKnownDev.size() - 1) + "v"
                                               << static_cast<int>(KeyFormat::BadChecksum);
    QTest::newRow("env changed, digits kept")
        << "tg_prd_" + digits49 << static_cast<int>(KeyFormat::BadChecksum);
}

void TestApiKey::malformedInputs()
{
    QFETCH(std::string, key);
    QFETCH(int, expected);
    QCOMPARE(static_cast<int>(checkKeyFormat(key)), expected);
}

void TestApiKey::sha256KnownVectors()
{
    // FIPS 180-2 appendix B.1 and the empty message.
    QCOMPARE(bytes(toHex(sha256("abc"))),
        QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    QCOMPARE(bytes(toHex(sha256(""))),
        QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    // The whole string is hashed, embedded NULs included.
    QVERIFY(sha256(std::string("a\0b", 3)) != sha256("a"));
    QCOMPARE(toHex(sha256(kKnownDev)).size(), std::size_t(64));
}

void TestApiKey::hexRoundTripAndRejection()
{
    const KeyDigest digest = sha256("abc");
    KeyDigest back {};
    QVERIFY(fromHex(toHex(digest), &back));
    QVERIFY(back == digest);

    KeyDigest zero {};
    QCOMPARE(bytes(toHex(zero)), QByteArray(64, '0'));
    KeyDigest ff;
    ff.fill(0xFF);
    QCOMPARE(bytes(toHex(ff)), QByteArray(64, 'f'));
    QVERIFY(fromHex(std::string(64, 'f'), &back));
    QVERIFY(back == ff);

    const std::string good = toHex(digest);
    const std::vector<std::string> bad {
        "",
        good.substr(1),
        good + "0",
        good.substr(0, 62) + "g0",
        good.substr(0, 62) + " 0",
        "0x" + good.substr(2),
        "-1" + good.substr(2),
        "+1" + good.substr(2),
        good.substr(0, 30) + "zz" + good.substr(32),
    };
    for (const std::string& text : bad) {
        KeyDigest out {};
        QVERIFY2(!fromHex(text, &out), text.c_str());
    }
}

void TestApiKey::digestsEqualComparesAllBytes()
{
    const KeyDigest a = sha256("key one");
    KeyDigest b = a;
    QVERIFY(digestsEqual(a, b));
    b[0] ^= 1;
    QVERIFY(!digestsEqual(a, b));
    b = a;
    b[31] ^= 0x80;
    QVERIFY(!digestsEqual(a, b));
    QVERIFY(!digestsEqual(a, sha256("key two")));
}

void TestApiKey::environmentTokens_data()
{
    QTest::addColumn<std::string>("environment");
    QTest::addColumn<std::string>("token");
    QTest::newRow("development") << std::string("development") << std::string("dev");
    QTest::newRow("Development") << std::string("Development") << std::string("dev");
    QTest::newRow("dev") << std::string("dev") << std::string("dev");
    QTest::newRow("empty") << std::string() << std::string("dev");
    QTest::newRow("punctuation only") << std::string("!!!") << std::string("dev");
    QTest::newRow("production") << std::string("production") << std::string("live");
    QTest::newRow("PROD") << std::string("PROD") << std::string("live");
    QTest::newRow("live") << std::string("live") << std::string("live");
    QTest::newRow("staging") << std::string("Staging") << std::string("stg");
    QTest::newRow("other") << std::string("QA-2") << std::string("qa2");
    QTest::newRow("truncated") << std::string("preproduction-eu-west")
                               << std::string("preproductio");
    QTest::newRow("non-ASCII dropped") << std::string("t\xc3\xa9st") << std::string("tst");
}

void TestApiKey::environmentTokens()
{
    QFETCH(std::string, environment);
    QFETCH(std::string, token);
    QCOMPARE(bytes(keyEnvironmentToken(environment)), bytes(token));
}

void TestApiKey::rotateKeepsAttributesAndShortensGrace()
{
    std::vector<ApiKey> keys { makeKey("key_old", 1'000), makeKey("key_other", 1'000) };
    const ApiKey before = keys[0];
    const ApiKey other = keys[1];
    NewKey fresh;
    std::string error;
    QVERIFY2(
        rotateKey(&keys, "key_old", 3'600, "production", 2'000, &fresh, &error), error.c_str());
    QCOMPARE(keys.size(), std::size_t(3));
    const ApiKey& old = keys[0];
    const ApiKey& added = keys[2];
    QVERIFY(added == fresh.record);
    QCOMPARE(old.expires, std::int64_t(2'000 + 3'600));
    QCOMPARE(old.revoked, std::int64_t(0));
    QCOMPARE(bytes(added.rotatedFrom), QByteArray("key_old"));
    QCOMPARE(bytes(added.tier), bytes(before.tier));
    QCOMPARE(bytes(added.label), bytes(before.label));
    QCOMPARE(bytes(added.owner), bytes(before.owner));
    QCOMPARE(added.scopes, before.scopes);
    QCOMPARE(added.created, std::int64_t(2'000));
    QCOMPARE(added.expires, std::int64_t(0));
    QVERIFY(added.id != old.id);
    QVERIFY(added.hash != old.hash);
    QCOMPARE(checkKeyFormat(fresh.secret), KeyFormat::Ok);
    QVERIFY2(fresh.secret.rfind("tg_live_", 0) == 0, fresh.secret.c_str());
    QCOMPARE(bytes(added.hash), bytes(toHex(sha256(fresh.secret))));
    QVERIFY(keys[1] == other);

    // Both work during the grace period; the old one stops at its end.
    QCOMPARE(keyState(old, 2'000 + 3'599), KeyState::Active);
    QCOMPARE(keyState(old, 2'000 + 3'600), KeyState::Expired);
    QCOMPARE(keyState(added, 2'000 + 3'600), KeyState::Active);

    // An old key that already expires before the grace ends keeps its date.
    std::vector<ApiKey> soon { makeKey("key_soon", 0) };
    soon[0].expires = 2'500;
    QVERIFY(rotateKey(&soon, "key_soon", 3'600, "dev", 2'000, &fresh, &error));
    QCOMPARE(soon[0].expires, std::int64_t(2'500));
    // ...one that expires later is pulled in to the end of the grace.
    std::vector<ApiKey> later { makeKey("key_later", 0) };
    later[0].expires = 9'000;
    QVERIFY(rotateKey(&later, "key_later", 3'600, "dev", 2'000, &fresh, &error));
    QCOMPARE(later[0].expires, std::int64_t(5'600));
    // No grace (or a negative one): the old key stops now.
    std::vector<ApiKey> now { makeKey("key_now", 0) };
    QVERIFY(rotateKey(&now, "key_now", -5, "dev", 2'000, &fresh, &error));
    QCOMPARE(now[0].expires, std::int64_t(2'000));
    QCOMPARE(keyState(now[0], 2'000), KeyState::Expired);
    QCOMPARE(keyState(now[1], 2'000), KeyState::Active);
}

void TestApiKey::rotateErrorsLeaveKeysAlone()
{
    std::vector<ApiKey> keys { makeKey("key_a", 0), makeKey("key_b", 0), makeKey("key_c", 0) };
    keys[1].revoked = 1'500;
    keys[2].expires = 1'800;
    const std::vector<ApiKey> before = keys;

    NewKey fresh;
    fresh.secret = "untouched";
    std::string error;
    QVERIFY(!rotateKey(&keys, "key_missing", 60, "dev", 2'000, &fresh, &error));
    QVERIFY2(error.find("key_missing") != std::string::npos, error.c_str());

    error.clear();
    QVERIFY(!rotateKey(&keys, "key_b", 60, "dev", 2'000, &fresh, &error));
    QVERIFY2(error.find("revoked") != std::string::npos, error.c_str());

    error.clear();
    QVERIFY(!rotateKey(&keys, "key_c", 60, "dev", 2'000, &fresh, &error));
    QVERIFY2(error.find("expired") != std::string::npos, error.c_str());

    QVERIFY(keys == before);
    QCOMPARE(bytes(fresh.secret), QByteArray("untouched"));
    // A null error pointer is allowed.
    QVERIFY(!rotateKey(&keys, "key_missing", 60, "dev", 2'000, &fresh, nullptr));
}

void TestApiKey::revoke()
{
    std::vector<ApiKey> keys { makeKey("key_a", 0), makeKey("key_b", 0) };
    keys[0].expires = 1'000;
    std::string error;
    QVERIFY(!revokeKey(&keys, "key_zzz", 500, &error));
    QVERIFY2(error.find("key_zzz") != std::string::npos, error.c_str());
    QCOMPARE(keys[0].revoked, std::int64_t(0));

    QVERIFY(revokeKey(&keys, "key_a", 500, &error));
    QCOMPARE(keys[0].revoked, std::int64_t(500));
    QCOMPARE(keys[1].revoked, std::int64_t(0));
    QCOMPARE(keyState(keys[0], 499), KeyState::Revoked);
    // Revocation outranks expiry, and revoking again keeps the first time.
    QCOMPARE(keyState(keys[0], 5'000), KeyState::Revoked);
    QVERIFY(revokeKey(&keys, "key_a", 700, &error));
    QCOMPARE(keys[0].revoked, std::int64_t(500));
    QCOMPARE(QByteArray(toString(KeyState::Revoked)), QByteArray("revoked"));
    QVERIFY(findKey(keys, "key_b") == &keys[1]);
    QVERIFY(findKey(std::as_const(keys), "key_none") == nullptr);
}

void TestApiKey::keyStateAtExpiry()
{
    ApiKey key;
    key.expires = 1'800'000'000;
    QCOMPARE(keyState(key, 1'799'999'999), KeyState::Active);
    QCOMPARE(keyState(key, 1'800'000'000), KeyState::Expired);
    QCOMPARE(keyState(key, 1'800'000'001), KeyState::Expired);
    key.expires = 0; // never
    QCOMPARE(keyState(key, std::int64_t(1) << 40), KeyState::Active);
    QCOMPARE(QByteArray(toString(KeyState::Active)), QByteArray("active"));
    QCOMPARE(QByteArray(toString(KeyState::Expired)), QByteArray("expired"));
}

void TestApiKey::parseDurationCases_data()
{
    QTest::addColumn<std::string>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<qint64>("seconds");
    const auto ok = [](const char* name, std::string text, qint64 seconds) {
        QTest::newRow(name) << std::move(text) << true << seconds;
    };
    const auto bad = [](const char* name, std::string text) {
        QTest::newRow(name) << std::move(text) << false << qint64(-1);
    };
    ok("24h", "24h", 86'400);
    ok("90m", "90m", 5'400);
    ok("30s", "30s", 30);
    ok("7d", "7d", 604'800);
    ok("plain seconds", "3600", 3'600);
    ok("zero", "0", 0);
    ok("zero with unit", "0d", 0);
    ok("2^40 seconds", "1099511627776", 1'099'511'627'776);
    ok("largest days", "12725829d", 12'725'829LL * 86'400);
    bad("empty", "");
    bad("unit only", "h");
    bad("negative", "-5m");
    bad("plus sign", "+5");
    bad("fraction", "1.5h");
    bad("unknown unit", "5x");
    bad("upper-case unit", "5M");
    bad("two units", "1hh");
    bad("unit first", "h1");
    bad("inner space", "5 m");
    bad("leading space", " 5");
    bad("over 2^40 seconds", "1099511627777");
    bad("over 2^40 in days", "12725830d");
    bad("int64 overflow", "99999999999999999999");
}

void TestApiKey::parseDurationCases()
{
    QFETCH(std::string, text);
    QFETCH(bool, valid);
    QFETCH(qint64, seconds);
    std::int64_t out = -1;
    QCOMPARE(parseDuration(text, &out), valid);
    // Failure leaves the output alone.
    QCOMPARE(qint64(out), seconds);
}

QTEST_GUILESS_MAIN(TestApiKey)
#include "tst_apikey.moc"
