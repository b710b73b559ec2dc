#pragma once

// The edge between the engine (std::string, std::filesystem) and the shell
// (QString). Conversions happen here and nowhere deeper, so the engine's hot
// path never sees UTF-16.

#include <QString>

#include <filesystem>
#include <string>

namespace tollgate::ui {

inline QString toQt(const std::string& s)
{
    return QString::fromStdString(s);
}

inline std::string toStd(const QString& s)
{
    return s.toStdString();
}

inline QString pathToQt(const std::filesystem::path& p)
{
    return QString::fromStdU16String(p.generic_u16string());
}

inline std::filesystem::path pathFromQt(const QString& s)
{
    return std::filesystem::path(s.toStdU16String());
}

} // namespace tollgate::ui
