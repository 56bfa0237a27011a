// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_HTTP_DATE_HPP
#define CLOUDIMG_HTTP_DATE_HPP

// HTTP-dates and `Retry-After`, as any HTTP API sends them (RFC 9110). Pure:
// the current time is the caller's, for two-digit years and relative waits.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace cloudimg {

namespace detail::http_date_parts {

inline constexpr std::string_view short_days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
inline constexpr std::string_view long_days[] = {"Sunday", "Monday", "Tuesday", "Wednesday",
                                                 "Thursday", "Friday", "Saturday"};
inline constexpr std::string_view months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// Day names, month names and "GMT" are case-sensitive in RFC 9110's grammar.
template <std::size_t N>
constexpr int index_of(std::string_view const (&names)[N], std::string_view s) noexcept
{
    for (std::size_t i = 0; i < N; ++i)
        if (names[i] == s)
            return static_cast<int>(i);
    return -1;
}

constexpr int two_digits(std::string_view s, std::size_t pos) noexcept
{
    if (pos + 2 > s.size() || s[pos] < '0' || s[pos] > '9' || s[pos + 1] < '0' || s[pos + 1] > '9')
        return -1;
    return (s[pos] - '0') * 10 + (s[pos + 1] - '0');
}

// "HH:MM:SS" at `pos`; RFC 9110 allows second 60 (a leap second).
inline std::optional<std::chrono::seconds> time_of_day(std::string_view s, std::size_t pos) noexcept
{
    if (pos + 8 > s.size() || s[pos + 2] != ':' || s[pos + 5] != ':')
        return std::nullopt;
    int const h = two_digits(s, pos), m = two_digits(s, pos + 3), sec = two_digits(s, pos + 6);
    if (h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 || sec > 60)
        return std::nullopt;
    return std::chrono::seconds{h * 3600 + m * 60 + sec};
}

// A valid calendar date whose weekday is the one the text names.
inline std::optional<std::chrono::sys_seconds> make_date(int y, int month_index, int d, int weekday,
                                                         std::chrono::seconds tod) noexcept
{
    using namespace std::chrono;
    year_month_day const ymd{year{y}, month{static_cast<unsigned>(month_index + 1)}, day{static_cast<unsigned>(d)}};
    if (!ymd.ok())
        return std::nullopt;
    sys_days const days{ymd};
    if (std::chrono::weekday{days}.c_encoding() != static_cast<unsigned>(weekday))
        return std::nullopt;
    return sys_seconds{days} + tod;
}

} // namespace detail::http_date_parts

/** Parse an HTTP-date (RFC 9110 section 5.6.7) into UTC seconds.

    Accepts the three forms recipients must accept: IMF-fixdate
    (`Sun, 06 Nov 1994 08:49:37 GMT`), the obsolete RFC 850 form
    (`Sunday, 06-Nov-94 08:49:37 GMT`) and asctime (`Sun Nov  6 08:49:37 1994`).
    Names are case-sensitive, the weekday must match the date, and an
    RFC 850 two-digit year is the latest year with those digits that is not
    more than 50 years after `now`. Anything else gives nothing.

    @code
    auto t = cloudimg::parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT", std::chrono::system_clock::now());
    // t->time_since_epoch() == std::chrono::seconds(784111777)
    @endcode

    @see parse_retry_after
*/
inline std::optional<std::chrono::sys_seconds> parse_http_date(std::string_view s,
                                                               std::chrono::system_clock::time_point now) noexcept
{
    namespace parts = detail::http_date_parts;
    using parts::two_digits;
    auto const comma = s.find(',');
    if (comma == 3) {
        // IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT" (29 characters)
        if (s.size() != 29 || s[4] != ' ' || s[7] != ' ' || s[11] != ' ' || s[16] != ' ' || s.substr(25) != " GMT")
            return std::nullopt;
        int const wd = parts::index_of(parts::short_days, s.substr(0, 3));
        int const d = two_digits(s, 5);
        int const mo = parts::index_of(parts::months, s.substr(8, 3));
        int const y_hi = two_digits(s, 12), y_lo = two_digits(s, 14);
        auto const tod = parts::time_of_day(s, 17);
        if (wd < 0 || d < 0 || mo < 0 || y_hi < 0 || y_lo < 0 || !tod)
            return std::nullopt;
        return parts::make_date(y_hi * 100 + y_lo, mo, d, wd, *tod);
    }
    if (comma != std::string_view::npos) {
        // rfc850-date: "Sunday, 06-Nov-94 08:49:37 GMT"
        int const wd = parts::index_of(parts::long_days, s.substr(0, comma));
        std::string_view const rest = s.substr(comma);
        if (wd < 0 || rest.size() != 24 || rest[1] != ' ' || rest[4] != '-' || rest[8] != '-' || rest[11] != ' ' ||
            rest.substr(20) != " GMT")
            return std::nullopt;
        int const d = two_digits(rest, 2);
        int const mo = parts::index_of(parts::months, rest.substr(5, 3));
        int const yy = two_digits(rest, 9);
        auto const tod = parts::time_of_day(rest, 12);
        if (d < 0 || mo < 0 || yy < 0 || !tod)
            return std::nullopt;
        using namespace std::chrono;
        int const this_year = static_cast<int>(year_month_day{floor<days>(now)}.year());
        int y = this_year - this_year % 100 + yy;
        if (y > this_year + 50)
            y -= 100;
        else if (y <= this_year - 50)  // keep within (now - 50, now + 50]
            y += 100;
        return parts::make_date(y, mo, d, wd, *tod);
    }
    // asctime-date: "Sun Nov  6 08:49:37 1994" (24 characters; the day is space-padded)
    if (s.size() != 24 || s[3] != ' ' || s[7] != ' ' || s[10] != ' ' || s[19] != ' ')
        return std::nullopt;
    int const wd = parts::index_of(parts::short_days, s.substr(0, 3));
    int const mo = parts::index_of(parts::months, s.substr(4, 3));
    int d = -1;
    if (s[8] == ' ' && s[9] >= '0' && s[9] <= '9')
        d = s[9] - '0';
    else
        d = two_digits(s, 8);
    auto const tod = parts::time_of_day(s, 11);
    int const y_hi = two_digits(s, 20), y_lo = two_digits(s, 22);
    if (wd < 0 || mo < 0 || d < 0 || !tod || y_hi < 0 || y_lo < 0)
        return std::nullopt;
    return parts::make_date(y_hi * 100 + y_lo, mo, d, wd, *tod);
}

/** The wait a `Retry-After` value asks for, from `now`.

    Both forms of RFC 9110 section 10.2.3: delta-seconds (`120`) and an
    HTTP-date (a date in the past means no wait). Surrounding spaces are
    ignored; anything else (`-1`, `1.5`, `soon`, empty) gives nothing.
    Absurdly large delta-seconds saturate at about 68 years instead of
    overflowing.

    @code
    auto now = std::chrono::system_clock::now();
    cloudimg::parse_retry_after("120", now);                            // 120 s
    cloudimg::parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now);  // that instant minus now, or 0
    @endcode

    @see parse_http_date, plan_retry
*/
inline std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view v,
                                                                  std::chrono::system_clock::time_point now) noexcept
{
    using std::chrono::milliseconds;
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t'))
        v.remove_prefix(1);
    while (!v.empty() && (v.back() == ' ' || v.back() == '\t'))
        v.remove_suffix(1);
    if (v.empty())
        return std::nullopt;
    if (v.front() >= '0' && v.front() <= '9') {
        // RFC 9111 section 1.2.2 caps an unrepresentable delta-seconds at 2^31
        constexpr std::int64_t max_seconds = std::int64_t{1} << 31;
        std::int64_t n = 0;
        for (char c : v) {
            if (c < '0' || c > '9')
                return std::nullopt;
            n = n * 10 + (c - '0');
            if (n > max_seconds)
                n = max_seconds;
        }
        return milliseconds{n * 1000};
    }
    auto const date = parse_http_date(v, now);
    if (!date)
        return std::nullopt;
    auto const wait = milliseconds{date->time_since_epoch()} - std::chrono::floor<milliseconds>(now.time_since_epoch());
    return wait > milliseconds{0} ? wait : milliseconds{0};
}

} // namespace cloudimg

#endif
