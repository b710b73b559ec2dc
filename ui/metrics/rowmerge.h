#pragma once

// In-place update of a table whose rows are identified by a key: rows that
// went away are removed, new ones inserted where they belong, and the rest
// changed in place. A view's selection, current index and scroll position
// and a proxy's sort survive the 4 Hz refresh this way, where a reset would
// lose them.

#include <cstddef>
#include <functional>
#include <iterator>
#include <vector>

namespace tollgate::ui {

/// The model's protected begin/end calls, handed in by the model.
struct RowSignals {
    std::function<void(int first, int last)> beginRemove;
    std::function<void()> endRemove;
    std::function<void(int first, int last)> beginInsert;
    std::function<void()> endInsert;
    std::function<void(int first, int last)> changed;
};

/// rows and next must both be sorted by key(row) without duplicates.
template <class Row, class Key, class Same>
void mergeSortedRows(
    std::vector<Row>* rows, std::vector<Row> next, Key key, Same same, const RowSignals& s)
{
    // 1. Remove what is gone, in runs from the bottom so indexes stay valid.
    {
        std::size_t j = 0;
        std::vector<bool> keep(rows->size(), false);
        for (std::size_t i = 0; i < rows->size(); ++i) {
            while (j < next.size() && key(next[j]) < key((*rows)[i]))
                ++j;
            keep[i] = j < next.size() && !(key((*rows)[i]) < key(next[j]));
        }
        for (int i = int(rows->size()) - 1; i >= 0;) {
            if (keep[std::size_t(i)]) {
                --i;
                continue;
            }
            int first = i;
            while (first > 0 && !keep[std::size_t(first - 1)])
                --first;
            s.beginRemove(first, i);
            rows->erase(rows->begin() + first, rows->begin() + i + 1);
            s.endRemove();
            i = first - 1;
        }
    }
    // 2. rows is now a sorted subset of next: insert the new, update the rest.
    // Inserts happen at i, after every row recorded as changed, so the
    // recorded indexes stay right.
    int changedFirst = -1;
    int changedLast = -1;
    std::size_t i = 0;
    for (std::size_t j = 0; j < next.size();) {
        if (i < rows->size() && !(key(next[j]) < key((*rows)[i]))) {
            if (!same((*rows)[i], next[j])) {
                (*rows)[i] = std::move(next[j]);
                if (changedFirst < 0)
                    changedFirst = int(i);
                changedLast = int(i);
            }
            ++i;
            ++j;
            continue;
        }
        // A run of new rows goes in with one insert.
        std::size_t end = j + 1;
        while (end < next.size() && (i >= rows->size() || key(next[end]) < key((*rows)[i])))
            ++end;
        const auto count = end - j;
        s.beginInsert(int(i), int(i + count) - 1);
        rows->insert(rows->begin() + std::ptrdiff_t(i),
            std::make_move_iterator(next.begin() + std::ptrdiff_t(j)),
            std::make_move_iterator(next.begin() + std::ptrdiff_t(end)));
        s.endInsert();
        i += count;
        j = end;
    }
    if (changedFirst >= 0)
        s.changed(changedFirst, changedLast);
}

} // namespace tollgate::ui
