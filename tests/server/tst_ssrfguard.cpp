// The SSRF guard: every class of address an upstream must not reach without
// an allowlist, in every form a host can be written in (numeric, hex, octal,
// shortened, IPv6 with embedded IPv4), and the allowlist itself.

#include "server/upstream/ssrfguard.h"

#include <QTest>

#include <string>

using namespace tollgate::server;
namespace ip = boost::asio::ip;

Q_DECLARE_METATYPE(tollgate::server::AddressClass)

class TestSsrfGuard : public QObject {
    Q_OBJECT

private slots:
    void classes_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<AddressClass>("expected");
        const auto row = [](const char* host, AddressClass c) {
            QTest::newRow(host) << QString::fromLatin1(host) << c;
        };
        row("8.8.8.8", AddressClass::Public);
        row("93.184.216.34", AddressClass::Public);
        row("2606:4700::1111", AddressClass::Public);
        row("0.0.0.0", AddressClass::Unspecified);
        row("::", AddressClass::Unspecified);
        row("127.0.0.1", AddressClass::Loopback);
        row("127.255.255.254", AddressClass::Loopback);
        row("::1", AddressClass::Loopback);
        row("[::1]", AddressClass::Loopback);
        row("10.1.2.3", AddressClass::Private);
        row("172.16.0.1", AddressClass::Private);
        row("172.31.255.255", AddressClass::Private);
        row("192.168.1.1", AddressClass::Private);
        row("fec0::1", AddressClass::Private);
        row("100.64.0.1", AddressClass::CarrierNat);
        row("100.127.255.255", AddressClass::CarrierNat);
        row("169.254.1.1", AddressClass::LinkLocal);
        row("fe80::1", AddressClass::LinkLocal);
        row("fc00::1", AddressClass::UniqueLocal);
        row("fd12:3456::1", AddressClass::UniqueLocal);
        row("169.254.169.254", AddressClass::CloudMetadata);
        row("100.100.100.200", AddressClass::CloudMetadata);
        row("fd00:ec2::254", AddressClass::CloudMetadata);
        row("224.0.0.1", AddressClass::Multicast);
        row("ff02::1", AddressClass::Multicast);
        row("255.255.255.255", AddressClass::Reserved);
        row("240.0.0.1", AddressClass::Reserved);
        row("198.18.0.1", AddressClass::Reserved);
        row("2001:db8::1", AddressClass::Reserved);
        // Just outside the ranges.
        row("172.32.0.1", AddressClass::Public);
        row("100.128.0.1", AddressClass::Public);
        row("11.0.0.1", AddressClass::Public);
        // Numeric forms of 127.0.0.1 and friends.
        row("2130706433", AddressClass::Loopback);
        row("0x7f000001", AddressClass::Loopback);
        row("0x7f.1", AddressClass::Loopback);
        row("127.1", AddressClass::Loopback);
        row("0177.0.0.1", AddressClass::Loopback);
        row("127.0.0.1.", AddressClass::Loopback);
        row("3232235777", AddressClass::Private); // 192.168.1.1
        row("0xa9.0xfe.0xa9.0xfe", AddressClass::CloudMetadata);
        // IPv6 forms that reach IPv4.
        row("::ffff:127.0.0.1", AddressClass::Loopback);
        row("[::ffff:127.0.0.1]", AddressClass::Loopback);
        row("::ffff:7f00:1", AddressClass::Loopback);
        row("::ffff:169.254.169.254", AddressClass::CloudMetadata);
        row("::127.0.0.1", AddressClass::Loopback);
        row("64:ff9b::10.0.0.1", AddressClass::Private);
        row("2002:7f00:1::1", AddressClass::Loopback);
        row("::ffff:8.8.8.8", AddressClass::Public);
    }

    void classes()
    {
        QFETCH(QString, host);
        QFETCH(AddressClass, expected);
        const std::optional<ip::address> a = parseAddressLiteral(host.toStdString());
        QVERIFY2(a, qPrintable(host));
        QCOMPARE(classifyAddress(*a), expected);
        const SsrfGuard guard;
        QCOMPARE(guard.refusal(*a).has_value(), expected != AddressClass::Public);
    }

    void namesAndBadLiteralsAreNotAddresses_data()
    {
        QTest::addColumn<QString>("host");
        for (const char* host : { "example.com", "localhost", "", "1.2.3.4.5", "256.0.0.1",
                 "1.16777216", "08.0.0.1", "1..1", "4294967296", "[::1", "::g", "127.0.0.1x" })
            QTest::newRow(*host ? host : "empty") << QString::fromLatin1(host);
    }

    void namesAndBadLiteralsAreNotAddresses()
    {
        QFETCH(QString, host);
        QVERIFY(!parseAddressLiteral(host.toStdString()));
    }

    void shortenedFormsFillTheLastBytes()
    {
        QCOMPARE(parseAddressLiteral("10.1")->to_string(), std::string("10.0.0.1"));
        QCOMPARE(parseAddressLiteral("10.1.258")->to_string(), std::string("10.1.1.2"));
        QCOMPARE(parseAddressLiteral("0300.0250.1.1")->to_string(), std::string("192.168.1.1"));
        QCOMPARE(parseAddressLiteral("4294967295")->to_string(), std::string("255.255.255.255"));
    }

    void theAllowlistLetsChosenAddressesThrough()
    {
        std::string error;
        const auto loopback = AddressRange::parse("127.0.0.0/8", &error);
        QVERIFY2(loopback, error.c_str());
        const auto one = AddressRange::parse("10.0.0.5", &error);
        QVERIFY2(one, error.c_str());
        const auto v6 = AddressRange::parse("[fd00::]/8", &error);
        QVERIFY2(v6, error.c_str());
        const SsrfGuard guard({ *loopback, *one, *v6 });

        QVERIFY(!guard.refusal(ip::make_address("127.0.0.1")));
        QVERIFY(!guard.refusal(ip::make_address("127.9.9.9")));
        // The v4-mapped form of an allowed address is allowed too.
        QVERIFY(!guard.refusal(ip::make_address("::ffff:127.0.0.1")));
        QVERIFY(!guard.refusal(ip::make_address("10.0.0.5")));
        QVERIFY(guard.refusal(ip::make_address("10.0.0.6")));
        QVERIFY(!guard.refusal(ip::make_address("fd12::1")));
        QVERIFY(guard.refusal(ip::make_address("fc00::1")));
        // ::1 is not in 127.0.0.0/8.
        QVERIFY(guard.refusal(ip::make_address("::1")));
        QVERIFY(guard.refusal(ip::make_address("169.254.169.254")));
        QVERIFY(!guard.refusal(ip::make_address("8.8.8.8")));
    }

    void refusalsSayWhatAndHow()
    {
        const std::optional<std::string> why = SsrfGuard().refusal(ip::make_address("10.0.0.1"));
        QVERIFY(why);
        QVERIFY2(why->find("10.0.0.1") != std::string::npos, why->c_str());
        QVERIFY2(why->find("private") != std::string::npos, why->c_str());
        QVERIFY2(why->find("allowlist") != std::string::npos, why->c_str());
    }

    void badRangesAreRefusedWithAReason_data()
    {
        QTest::addColumn<QString>("text");
        for (const char* text : { "", "10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/x", "host/8",
                 "10.0.0.0/-1" })
            QTest::newRow(*text ? text : "empty") << QString::fromLatin1(text);
    }

    void badRangesAreRefusedWithAReason()
    {
        QFETCH(QString, text);
        std::string error;
        QVERIFY(!AddressRange::parse(text.toStdString(), &error));
        QVERIFY(!error.empty());
    }

    void rangePrefixesAreExact()
    {
        std::string error;
        const auto r = AddressRange::parse("172.16.0.0/12", &error);
        QVERIFY(r);
        QVERIFY(r->contains(ip::make_address("172.31.255.255")));
        QVERIFY(!r->contains(ip::make_address("172.32.0.0")));
        const auto r6 = AddressRange::parse("2001:db8:abcd::/45", &error);
        QVERIFY(r6);
        QVERIFY(r6->contains(ip::make_address("2001:db8:abcf::1")));
        QVERIFY(!r6->contains(ip::make_address("2001:db8:abd0::1")));
        QVERIFY(!r6->contains(ip::make_address("10.0.0.1")));
        const auto all = AddressRange::parse("0.0.0.0/0", &error);
        QVERIFY(all && all->contains(ip::make_address("203.0.113.9")));
    }
};

QTEST_APPLESS_MAIN(TestSsrfGuard)
#include "tst_ssrfguard.moc"
