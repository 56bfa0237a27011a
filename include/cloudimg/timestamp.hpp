// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_TIMESTAMP_HPP
#define CLOUDIMG_TIMESTAMP_HPP

#include <bit>
#include <chrono>
#include <cstring>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cloudimg {

/** An RFC 3339 date-time: an instant, and the UTC offset it was written with.

    Parses `Z` or `±hh:mm` offsets and fractions of any length (kept to the
    nanosecond). Formats back with the same offset, the shortest fraction,
    and `Z` for a zero offset.
*/
struct timestamp {
    std::chrono::sys_seconds seconds{};  ///< the instant's whole seconds, UTC (years 0000 to 9999)
    std::uint32_t nanoseconds = 0;       ///< the fraction of that second
    std::int16_t offset_minutes = 0;     ///< the offset it was written with

    /// The instant as a nanosecond time point; exact for 1677-09-22 to 2262-04-11,
    /// the range of 64-bit nanoseconds (Go's zero time, year 1, is outside it).
    constexpr std::chrono::sys_time<std::chrono::nanoseconds> time_point() const noexcept
    {
        return std::chrono::sys_time<std::chrono::nanoseconds>(seconds) + std::chrono::nanoseconds(nanoseconds);
    }

    friend constexpr bool operator==(timestamp const& a, timestamp const& b) noexcept
    {
        return a.seconds == b.seconds && a.nanoseconds == b.nanoseconds;
    }
    friend constexpr auto operator<=>(timestamp const& a, timestamp const& b) noexcept
    {
        if (auto c = a.seconds <=> b.seconds; c != 0)
            return c;
        return a.nanoseconds <=> b.nanoseconds;
    }
};

namespace detail {

// Eight bytes of text as one little-endian word, whatever the machine's order.
inline std::uint64_t load_le64(char const* p) noexcept
{
    std::uint64_t v = 0;
    if constexpr (std::endian::native == std::endian::little) {
        std::memcpy(&v, p, sizeof v);
    } else {
        for (int i = 0; i < 8; ++i)
            v |= std::uint64_t{static_cast<unsigned char>(p[i])} << (8 * i);
    }
    return v;
}

// 0xF0 in each lane (byte) of `word` that is not an ASCII digit, 0 in the
// others: a digit's lane XOR '0' is 0 to 9, and adding 6 keeps it below 16
// only then. A carry out of a lane only reaches lanes above one already
// flagged, so the lowest flag is always right.
inline std::uint64_t non_digit_lanes(std::uint64_t word) noexcept
{
    std::uint64_t const values = word ^ 0x3030303030303030;
    return (values | (values + 0x0606060606060606)) & 0xF0F0F0F0F0F0F0F0;
}

// `word`'s bytes at `digit_lanes` (0xFF each) as their values 0..9, the
// other bytes as 0; nullopt when one of those bytes is not an ASCII digit.
inline std::optional<std::uint64_t> digit_values(std::uint64_t word, std::uint64_t digit_lanes) noexcept
{
    constexpr std::uint64_t zeros = 0x3030303030303030;
    std::uint64_t const digits_only = (word & digit_lanes) | (zeros & ~digit_lanes);
    if (non_digit_lanes(digits_only) != 0)
        return std::nullopt;
    return digits_only ^ zeros;
}

// The value of lane `i` (0 is the first byte) of a word of digit values.
constexpr int lane(std::uint64_t values, int i) noexcept
{
    return static_cast<int>((values >> (8 * i)) & 0xFF);
}

// Days since 1970-01-01 of a valid proleptic Gregorian date of years 0 to
// 9999 (H. Hinnant's days_from_civil, shifted by 400 years so it stays unsigned).
constexpr std::int64_t days_from_civil(int y, unsigned m, unsigned d) noexcept
{
    unsigned const shifted_year = static_cast<unsigned>(y + 400) - (m <= 2 ? 1u : 0u);
    unsigned const era = shifted_year / 400;
    unsigned const year_of_era = shifted_year - era * 400;
    unsigned const day_of_year = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    unsigned const day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return std::int64_t{era} * 146097 + day_of_era - 719468 - 146097;
}

constexpr unsigned last_day_of_month(int y, unsigned m) noexcept
{
    if (m == 2)
        return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
    return m == 4 || m == 6 || m == 9 || m == 11 ? 30 : 31;
}

// How many of the word's bytes, from the first, are ASCII digits (0 to 8).
inline int leading_digits(std::uint64_t word) noexcept
{
    std::uint64_t const flagged = non_digit_lanes(word);
    return flagged == 0 ? 8 : std::countr_zero(flagged) / 8;
}

// The number the first `n` (1 to 8) bytes of the word spell, all digits:
// shifted up so that lanes above them drop out and zeros lead, then pairs,
// quads and the eight combined by multiplication.
inline std::uint32_t digits_value(std::uint64_t word, int n) noexcept
{
    std::uint64_t v = ((word ^ 0x3030303030303030) << (8 * (8 - n))) & 0x0F0F0F0F0F0F0F0F;
    v = ((v * (10 * 256 + 1)) >> 8) & 0x00FF00FF00FF00FF;
    v = ((v * (100 * 65536 + 1)) >> 16) & 0x0000FFFF0000FFFF;
    return static_cast<std::uint32_t>((v * (10000 * (std::uint64_t{1} << 32) + 1)) >> 32);
}

constexpr int parse_digits(std::string_view s, std::size_t pos, std::size_t n) noexcept
{
    int v = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        unsigned const digit = static_cast<unsigned char>(s[i]) - unsigned{'0'};  // one test: wraps above 9 below '0'
        if (digit > 9)
            return -1;
        v = v * 10 + static_cast<int>(digit);
    }
    return v;
}

inline void append_digits(std::string& out, long long v, int width)
{
    char buf[20];
    int n = 0;
    do {
        buf[n++] = static_cast<char>('0' + v % 10);
        v /= 10;
    } while (v > 0 || n < width);
    while (n > 0)
        out += buf[--n];
}

} // namespace detail

/// Parse `YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)`; `t`, `z` and a space for `T` are accepted as RFC 3339 allows.
inline std::optional<timestamp> parse_timestamp(std::string_view s) noexcept
{
    using namespace std::chrono;
    using detail::parse_digits;
    if (s.size() < 20 || s[4] != '-' || s[7] != '-' || s[13] != ':' || s[16] != ':')
        return std::nullopt;
    if (s[10] != 'T' && s[10] != 't' && s[10] != ' ')
        return std::nullopt;
    // The fourteen digits in two words, "YYYY-MM-" and "HH:MM:SS", and the day's two.
    auto const date = detail::digit_values(detail::load_le64(s.data()), 0x00FFFF00FFFFFFFF);
    auto const time = detail::digit_values(detail::load_le64(s.data() + 11), 0xFFFF00FFFF00FFFF);
    int const d = parse_digits(s, 8, 2);
    if (!date || !time || d < 0)
        return std::nullopt;
    using detail::lane;
    int const y = lane(*date, 0) * 1000 + lane(*date, 1) * 100 + lane(*date, 2) * 10 + lane(*date, 3);
    int const mo = lane(*date, 5) * 10 + lane(*date, 6);
    int const h = lane(*time, 0) * 10 + lane(*time, 1), mi = lane(*time, 3) * 10 + lane(*time, 4);
    int const se = lane(*time, 6) * 10 + lane(*time, 7);
    if (h > 23 || mi > 59 || se > 60 || mo < 1 || mo > 12 || d < 1 ||
        static_cast<unsigned>(d) > detail::last_day_of_month(y, static_cast<unsigned>(mo)))
        return std::nullopt;
    std::size_t pos = 19;
    std::int64_t frac_ns = 0;
    if (pos < s.size() && s[pos] == '.') {
        ++pos;
        std::size_t digits = 0;
        if (s.size() - pos >= 8) {  // up to eight digits as one word, where eight bytes remain
            std::uint64_t const word = detail::load_le64(s.data() + pos);
            if (int const n = detail::leading_digits(word); n > 0) {
                frac_ns = detail::digits_value(word, n);
                digits = static_cast<std::size_t>(n);
                pos += digits;
            }
        }
        for (; pos < s.size() && s[pos] >= '0' && s[pos] <= '9'; ++pos, ++digits)
            if (digits < 9)
                frac_ns = frac_ns * 10 + (s[pos] - '0');
        if (digits == 0)
            return std::nullopt;
        static constexpr std::int64_t scale[] = {1000000000, 100000000, 10000000, 1000000, 100000,  // 10^(9 - digits)
                                                 10000,      1000,      100,      10,      1};
        if (digits < 9)
            frac_ns *= scale[digits];
    }
    int offset = 0;
    if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
        ++pos;
    } else if (pos + 6 == s.size() && (s[pos] == '+' || s[pos] == '-') && s[pos + 3] == ':') {
        int const oh = parse_digits(s, pos + 1, 2), om = parse_digits(s, pos + 4, 2);
        if (oh < 0 || oh > 23 || om < 0 || om > 59)
            return std::nullopt;
        offset = (oh * 60 + om) * (s[pos] == '-' ? -1 : 1);
        pos += 6;
    } else {
        return std::nullopt;
    }
    if (pos != s.size())
        return std::nullopt;
    // Whole seconds, not nanoseconds: a 64-bit nanosecond count would overflow outside 1677..2262.
    auto const day = detail::days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
    auto const local = sys_seconds{seconds{day * 86400 + h * 3600 + mi * 60 + se}};
    return timestamp{local - minutes{offset}, static_cast<std::uint32_t>(frac_ns), static_cast<std::int16_t>(offset)};
}

/// Append the RFC 3339 form of `t` to `out`.
inline void format_timestamp(std::string& out, timestamp const& t)
{
    using namespace std::chrono;
    auto const local = t.seconds + minutes{t.offset_minutes};
    auto const day_point = floor<days>(local);
    year_month_day const ymd{day_point};
    hh_mm_ss<seconds> const tod{local - day_point};
    detail::append_digits(out, static_cast<int>(ymd.year()), 4);
    out += '-';
    detail::append_digits(out, static_cast<unsigned>(ymd.month()), 2);
    out += '-';
    detail::append_digits(out, static_cast<unsigned>(ymd.day()), 2);
    out += 'T';
    detail::append_digits(out, tod.hours().count(), 2);
    out += ':';
    detail::append_digits(out, tod.minutes().count(), 2);
    out += ':';
    detail::append_digits(out, tod.seconds().count(), 2);
    if (long long ns = t.nanoseconds; ns != 0) {
        int width = 9;
        while (ns % 10 == 0) {
            ns /= 10;
            --width;
        }
        out += '.';
        detail::append_digits(out, ns, width);
    }
    if (t.offset_minutes == 0) {
        out += 'Z';
    } else {
        int const off = t.offset_minutes < 0 ? -t.offset_minutes : t.offset_minutes;
        out += t.offset_minutes < 0 ? '-' : '+';
        detail::append_digits(out, off / 60, 2);
        out += ':';
        detail::append_digits(out, off % 60, 2);
    }
}

inline std::string to_string(timestamp const& t)
{
    std::string s;
    format_timestamp(s, t);
    return s;
}

} // namespace cloudimg

#endif
