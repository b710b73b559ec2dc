#pragma once

// A disk that fails the writes of a test: TOLLGATE_TEST_WRITE_FAULT, read by
// server/common/files.cpp, for as long as a WriteFault lives.

#include <QByteArray>
#include <QtGlobal>

namespace testsupport {

class WriteFault {
public:
    /// spec: "ENOSPC", "EFBIG", "EIO" or "EDQUOT", optionally ":" and a part
    /// of the path that the failing writes go to.
    explicit WriteFault(const char* spec)
    {
        qputenv("TOLLGATE_TEST_WRITE_FAULT", QByteArray(spec));
    }
    ~WriteFault() { qunsetenv("TOLLGATE_TEST_WRITE_FAULT"); }
    WriteFault(const WriteFault&) = delete;
    WriteFault& operator=(const WriteFault&) = delete;
};

} // namespace testsupport
