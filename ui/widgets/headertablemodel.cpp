#include "ui/widgets/headertablemodel.h"

#include "ui/common/convert.h"

#include <QRegularExpression>

namespace tollgate::ui {

namespace {

// RFC 9110 token characters: anything else cannot be sent as a field name.
bool isValidHeaderName(const QString& name)
{
    static const QRegularExpression token(QStringLiteral("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$"));
    return token.match(name).hasMatch();
}

} // namespace

HeaderTableModel::HeaderTableModel(QObject* parent)
    : NameValueModel(parent)
{
    connect(this, &NameValueModel::edited, this, &HeaderTableModel::headersEdited);
}

HeaderTableModel::~HeaderTableModel() = default;

void HeaderTableModel::setHeaders(const std::vector<server::Header>& headers)
{
    Rows rows;
    rows.reserve(qsizetype(headers.size()));
    for (const server::Header& h : headers)
        rows.append({ toQt(h.name), toQt(h.value) });
    setRows(rows);
}

std::vector<server::Header> HeaderTableModel::headers() const
{
    std::vector<server::Header> headers;
    headers.reserve(std::size_t(rows().size()));
    for (const auto& [name, value] : rows())
        headers.push_back({ toStd(name), toStd(value) });
    return headers;
}

QString HeaderTableModel::columnTitle(int column) const
{
    return column == NameColumn ? tr("Header") : tr("Value");
}

bool HeaderTableModel::acceptName(int /*row*/, QString* name) const
{
    *name = name->trimmed();
    return name->isEmpty() || isValidHeaderName(*name);
}

QString HeaderTableModel::nameProblem(const QString& name) const
{
    return isValidHeaderName(name) ? QString() : tr("Not a valid header name");
}

} // namespace tollgate::ui
