#pragma once
// A growable array of trivially copyable values whose growth leaves the new elements
// uninitialised: a table appending a row writes its cells once, where std::vector::resize
// would first zero them (a call and a memset per row on the hottest path of rule evaluation).
// It lives in malloc'd memory so that growing or shrinking a large buffer is a realloc, which
// remaps its pages instead of copying tens of megabytes.
#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <new>
#include <type_traits>
#include <utility>

namespace chipgraph::eval {

template <class T> class PodBuffer {
    static_assert(std::is_trivially_copyable_v<T>);

public:
    PodBuffer() = default;
    PodBuffer(const PodBuffer&) = delete;
    PodBuffer& operator=(const PodBuffer&) = delete;
    PodBuffer(PodBuffer&& other) noexcept
        : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)),
          capacity_(std::exchange(other.capacity_, 0)) {}
    PodBuffer& operator=(PodBuffer&& other) noexcept {
        std::swap(data_, other.data_), std::swap(size_, other.size_);
        std::swap(capacity_, other.capacity_);
        return *this;
    }
    ~PodBuffer() { std::free(data_); }

    size_t size() const { return size_; }
    size_t capacity() const { return capacity_; }
    T* data() { return data_; }
    const T* data() const { return data_; }
    T& operator[](size_t i) { return data_[i]; }
    const T& operator[](size_t i) const { return data_[i]; }

    // Room for `n` elements in all: later growth up to `n` moves nothing.
    void reserve(size_t n) {
        if (n > capacity_) reallocate(n);
    }
    // `n` more elements, uninitialised, for the caller to write.
    T* extend(size_t n) {
        if (size_ + n > capacity_) reallocate(std::max(size_ + n, 2 * capacity_));
        T* out = data_ + size_;
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
        if (capacity == 0) {
            std::free(data_);
            data_ = nullptr, capacity_ = 0;
            return;
        }
        void* grown = std::realloc(data_, capacity * sizeof(T));
        if (!grown) throw std::bad_alloc();
        data_ = static_cast<T*>(grown);
        capacity_ = capacity;
    }

    T* data_ = nullptr;
    size_t size_ = 0;
    size_t capacity_ = 0;
};

} // namespace chipgraph::eval
