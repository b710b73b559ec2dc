#pragma once

#include "server/interchange/importedapi.h"

#include <QDir>
#include <QStringList>
#include <QWidget>

#include <vector>

class QGroupBox;
class QLabel;
class QPushButton;
class QTreeWidget;

namespace tollgate::ui {

/// A read-only list as the import and export previews show them: one line
/// a row, several rows selectable, named objectName for the tests.
QTreeWidget* makeReportList(const QString& objectName, const QStringList& headers, QWidget* parent);

/// What an import or export could not carry over as written (its
/// ImportNotes: kind, where, what), one a row, the selected one in full
/// below; Copy (the selected rows) and Copy Report (all of them) put them on
/// the clipboard, tab-separated with the full places, in a group box under
/// the title the caller sets. Without notes only the title shows.
class InterchangeReport final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InterchangeReport)

public:
    /// prefix names the parts: <prefix>NotesBox (this), <prefix>Notes (the
    /// list), <prefix>NoteDetail, <prefix>CopyReportButton.
    InterchangeReport(const QString& prefix, const QString& accessibleName, QWidget* parent);

    /// Places in files below base are shown relative to it (copying gives
    /// them in full); other places as they are.
    void setNotes(const std::vector<server::ImportNote>& notes, const QDir& base = QDir());
    int count() const;
    void setTitle(const QString& title);
    QString title() const;

private:
    void copyNotes(bool selectedOnly) const;

    QGroupBox* m_box;
    QLabel* m_titleOnly; ///< the title, when there are no notes
    QTreeWidget* m_notes;
    QLabel* m_detail;
    QPushButton* m_copyAll;
};

} // namespace tollgate::ui
