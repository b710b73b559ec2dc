#pragma once

// What QAbstractItemModel::moveRows means for a flat table kept in a
// std::vector: which moves are real, and the move itself. The model calls
// beginMoveRows/endMoveRows around moveBlock (those are its own, protected).

#include <QModelIndex>

#include <iterator>
#include <vector>

namespace tollgate::ui {

/// Whether moving `count` rows from `sourceRow` to before `destinationChild`
/// in a flat list of `rows` rows is valid and changes something (moving a
/// block into itself, or right behind itself, is a no-op beginMoveRows
/// rejects).
inline bool isRowMove(int rows, const QModelIndex& sourceParent, int sourceRow, int count,
    const QModelIndex& destinationParent, int destinationChild)
{
    if (sourceParent.isValid() || destinationParent.isValid() || count <= 0 || sourceRow < 0
        || sourceRow + count > rows || destinationChild < 0 || destinationChild > rows)
        return false;
    return destinationChild < sourceRow || destinationChild > sourceRow + count;
}

/// Moves items [sourceRow, sourceRow + count) to before destinationChild
/// (an index before the move, as beginMoveRows takes it).
template <typename T>
void moveBlock(std::vector<T>& items, int sourceRow, int count, int destinationChild)
{
    const auto first = items.begin() + sourceRow;
    std::vector<T> block(std::make_move_iterator(first), std::make_move_iterator(first + count));
    items.erase(first, first + count);
    const int insertAt = destinationChild > sourceRow ? destinationChild - count : destinationChild;
    items.insert(items.begin() + insertAt, std::make_move_iterator(block.begin()),
        std::make_move_iterator(block.end()));
}

} // namespace tollgate::ui
