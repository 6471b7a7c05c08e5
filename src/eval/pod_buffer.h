#pragma once
// A growable array of trivially copyable values whose growth leaves the new elements
// uninitialised: a table appending a row writes its cells once, where std::vector::resize
// would first zero them (a call and a memset per row on the hottest path of rule evaluation).
#include <algorithm>
#include <cstddef>
#include <cstring>
#include <memory>
#include <type_traits>

namespace chipgraph::eval {

template <class T> class PodBuffer {
    static_assert(std::is_trivially_copyable_v<T>);

public:
    size_t size() const { return size_; }
    size_t capacity() const { return capacity_; }
    T* data() { return data_.get(); }
    const T* data() const { return data_.get(); }
    T& operator[](size_t i) { return data_[i]; }
    const T& operator[](size_t i) const { return data_[i]; }

    // Room for `n` elements in all: later growth up to `n` moves nothing.
    void reserve(size_t n) {
        if (n > capacity_) reallocate(n);
    }
    // `n` more elements, uninitialised, for the caller to write.
    T* extend(size_t n) {
        if (size_ + n > capacity_) reallocate(std::max(size_ + n, 2 * capacity_));
        T* out = data_.get() + size_;
        size_ += n;
        return out;
    }
    void append(const T* first, const T* last) {
        size_t n = static_cast<size_t>(last - first);
        if (n) std::memcpy(extend(n), first, n * sizeof(T));
    }
    void clear() { size_ = 0; }
    void shrinkToFit() {
        if (capacity_ > size_) reallocate(size_);
    }

private:
    void reallocate(size_t capacity) {
        std::unique_ptr<T[]> grown =
            capacity ? std::make_unique_for_overwrite<T[]>(capacity) : nullptr;
        if (size_) std::memcpy(grown.get(), data_.get(), size_ * sizeof(T));
        data_ = std::move(grown);
        capacity_ = capacity;
    }

    std::unique_ptr<T[]> data_;
    size_t size_ = 0;
    size_t capacity_ = 0;
};

} // namespace chipgraph::eval
