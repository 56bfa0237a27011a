// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_TIMESTAMP_HPP
#define CLOUDIMG_TIMESTAMP_HPP

#include <chrono>
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
    int const y = parse_digits(s, 0, 4), mo = parse_digits(s, 5, 2), d = parse_digits(s, 8, 2);
    int const h = parse_digits(s, 11, 2), mi = parse_digits(s, 14, 2), se = parse_digits(s, 17, 2);
    if (y < 0 || mo < 0 || d < 0 || h < 0 || h > 23 || mi < 0 || mi > 59 || se < 0 || se > 60)
        return std::nullopt;
    year_month_day const ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
    if (!ymd.ok())
        return std::nullopt;
    std::size_t pos = 19;
    std::int64_t frac_ns = 0;
    if (pos < s.size() && s[pos] == '.') {
        ++pos;
        std::size_t digits = 0;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
            if (digits < 9)
                frac_ns = frac_ns * 10 + (s[pos] - '0');
            ++digits;
            ++pos;
        }
        if (digits == 0)
            return std::nullopt;
        for (std::size_t i = digits; i < 9; ++i)
            frac_ns *= 10;
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
    auto const local = sys_days{ymd} + hours{h} + minutes{mi} + seconds{se};
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
