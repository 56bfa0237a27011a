// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)
#ifndef CLOUDIMG_JSON_DECODE_HPP
#define CLOUDIMG_JSON_DECODE_HPP

#include <cloudimg/error.hpp>
#include <cloudimg/json/decode_options.hpp>
#include <cloudimg/json/detail/chunk_boundary.hpp>
#include <cloudimg/json/detail/frame.hpp>
#include <cloudimg/json/detail/ops.hpp>
#include <cloudimg/json/traits.hpp>

#include <boost/config.hpp>
#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/error.hpp>

#include <array>
#include <cfloat>
#include <charconv>
#include <cstring>
#include <limits>
#include <string>
#include <string_view>
#include <system_error>

namespace cloudimg::json {

namespace detail {

// The SAX handler: each parser event goes to the frame on top of the stack.
class sax_handler {
public:
    static constexpr std::size_t max_object_size = static_cast<std::size_t>(-1);
    static constexpr std::size_t max_array_size = static_cast<std::size_t>(-1);
    static constexpr std::size_t max_key_size = static_cast<std::size_t>(-1);
    static constexpr std::size_t max_string_size = static_cast<std::size_t>(-1);

    template <class T>
    sax_handler(T& target, decode_options const& options)
    {
        ctx_.options = options;
        ctx_.depth_limit = options.effective_max_depth();
        ctx_.stack.push(&ops_for<T>, &target, {}, no_index);
    }

    context const& ctx() const noexcept { return ctx_; }

    bool on_document_begin(boost::system::error_code&) { return true; }
    bool on_document_end(boost::system::error_code&) { return true; }

    bool on_object_begin(boost::system::error_code& ec)
    {
        return value(ec, [&](frame& f) { return f.ops->begin_object(ctx_, f); });
    }
    bool on_object_end(std::size_t, boost::system::error_code& ec)
    {
        frame& f = ctx_.stack.back();
        return report(ec, f.ops->end_object(ctx_, f));
    }
    bool on_array_begin(boost::system::error_code& ec)
    {
        return value(ec, [&](frame& f) { return f.ops->begin_array(ctx_, f); });
    }
    bool on_array_end(std::size_t, boost::system::error_code& ec)
    {
        frame& f = ctx_.stack.back();
        return report(ec, f.ops->end_array(ctx_, f));
    }
    bool on_key_part(boost::json::string_view s, std::size_t n, boost::system::error_code& ec)
    {
        return append(key_, s, n, ec);
    }
    bool on_key(boost::json::string_view s, std::size_t n, boost::system::error_code& ec)
    {
        return whole_text(key_, s, n, ec, [&](std::string_view k) {
            frame& f = ctx_.stack.back();
            return report(ec, f.ops->key(ctx_, f, k));
        });
    }
    bool on_string_part(boost::json::string_view s, std::size_t n, boost::system::error_code& ec)
    {
        return append(string_, s, n, ec);
    }
    bool on_string(boost::json::string_view s, std::size_t n, boost::system::error_code& ec)
    {
        return whole_text(string_, s, n, ec, [&](std::string_view v) {
            return value(ec, [&](frame& f) { return f.ops->string(ctx_, f, v); });
        });
    }
    // Numbers: the parser hands over the number's text with each event (in
    // pieces when it spans chunks). Doubles are read again from that text with
    // std::from_chars, which rounds exactly (Boost 1.81's own conversion does
    // not always), so every double survives a round trip bit for bit.
    bool on_number_part(boost::json::string_view s, boost::system::error_code& ec)
    {
        if (number_.size() + s.size() > ctx_.options.max_string_size) [[unlikely]]
            return report(ec, ctx_.fail(error::limit_exceeded, "number longer than " +
                                                                  std::to_string(ctx_.options.max_string_size) + " bytes"));
        number_.append(s.data(), s.size());
        return true;
    }
    bool on_int64(std::int64_t i, boost::json::string_view s, boost::system::error_code& ec)
    {
        ctx_.number = number_text(s);
        bool const ok = value(ec, [&](frame& f) { return f.ops->int64(ctx_, f, i); });
        number_.clear();
        return ok;
    }
    bool on_uint64(std::uint64_t u, boost::json::string_view s, boost::system::error_code& ec)
    {
        ctx_.number = number_text(s);
        bool const ok = value(ec, [&](frame& f) { return f.ops->uint64(ctx_, f, u); });
        number_.clear();
        return ok;
    }
    bool on_double(double d, boost::json::string_view s, boost::system::error_code& ec)
    {
        ctx_.number = number_text(s);
        double const exact = exact_double(ctx_.number, d, ctx_.number_in_range);
        bool const ok = value(ec, [&](frame& f) { return f.ops->float64(ctx_, f, exact); });
        ctx_.number_in_range = true;
        number_.clear();
        return ok;
    }
    bool on_bool(bool b, boost::system::error_code& ec)
    {
        return value(ec, [&](frame& f) { return f.ops->boolean(ctx_, f, b); });
    }
    bool on_null(boost::system::error_code& ec)
    {
        return value(ec, [&](frame& f) { return f.ops->null(ctx_, f); });
    }
    bool on_comment_part(boost::json::string_view, boost::system::error_code&) { return true; }
    bool on_comment(boost::json::string_view, boost::system::error_code&) { return true; }

private:
    bool report(boost::system::error_code& ec, bool ok)
    {
        if (!ok)
            ec = ctx_.code;
        return ok;
    }

    // A value starts: inside an array it first needs a frame of its own.
    template <class F>
    bool value(boost::system::error_code& ec, F&& f)
    {
        if (ctx_.stack.empty()) [[unlikely]]  // cannot happen: the parser rejects a second document
            return extra_data(ec);
        if (ctx_.stack.back().state == frame_state::array) {
            frame& parent = ctx_.stack.back();
            if (!parent.ops->element(ctx_, parent))
                return report(ec, false);
        }
        return report(ec, f(ctx_.stack.back()));
    }
    BOOST_NOINLINE bool extra_data(boost::system::error_code& ec)
    {
        return report(ec, ctx_.fail(error::json_syntax, "extra data"));
    }

    bool append(std::string& buf, boost::json::string_view s, std::size_t n, boost::system::error_code& ec)
    {
        if (n > ctx_.options.max_string_size)
            return report(ec, ctx_.fail(error::limit_exceeded, "string longer than " +
                                                                   std::to_string(ctx_.options.max_string_size) + " bytes"));
        buf.append(s.data(), s.size());
        return true;
    }
    // The whole key or string to `use`: the common case, all of it in one
    // piece, passes as it is, with no copy; the joining of pieces and the
    // limit's refusal stay out of line, so the event keeps a small frame.
    template <class Use>
    bool whole_text(std::string& buf, boost::json::string_view s, std::size_t n, boost::system::error_code& ec, Use&& use)
    {
        if (buf.empty() && n <= ctx_.options.max_string_size) [[likely]]
            return use(std::string_view(s.data(), s.size()));
        return joined_text(buf, s, n, ec, use);
    }
    template <class Use>
    BOOST_NOINLINE bool joined_text(std::string& buf, boost::json::string_view s, std::size_t n, boost::system::error_code& ec,
                                    Use& use)
    {
        if (!append(buf, s, n, ec))
            return false;
        bool const ok = use(std::string_view(buf));
        buf.clear();
        return ok;
    }
    std::string_view number_text(boost::json::string_view s)
    {
        if (number_.empty())  // the common case: the whole number in one chunk
            return {s.data(), s.size()};
        number_.append(s.data(), s.size());
        return number_;
    }
    // The double nearest to `text`, a JSON number: infinite when it is beyond
    // the range of a double (the double handlers refuse that), zero when it is
    // below the smallest subnormal; `in_range` says which. `approx` is the
    // parser's reading.
    static double exact_double(std::string_view text, double approx, bool& in_range) noexcept
    {
        double d = 0;
        if (short_decimal(text, d))
            return d;
        auto const r = std::from_chars(text.data(), text.data() + text.size(), d);
        if (r.ec == std::errc{}) [[likely]]
            return d;
        bool const negative = !text.empty() && text.front() == '-';
        if (r.ec == std::errc::result_out_of_range) {
            in_range = false;
            bool const overflow = approx != approx || approx >= 1 || approx <= -1;
            if (overflow)
                return negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
            return negative ? -0.0 : 0.0;
        }
        return approx;  // not reached: the parser has checked the syntax
    }

    // Clinger's fast path: a decimal without exponent and of at most 15
    // digits is its digits (below 2^53, exact as a double) divided by a power
    // of ten (exact too); one IEEE division rounds that as from_chars does.
    static bool short_decimal(std::string_view text, double& out) noexcept
    {
        if constexpr (FLT_EVAL_METHOD != 0 || !std::numeric_limits<double>::is_iec559) {
            return false;  // wider intermediates would round twice
        } else {
            static constexpr double powers_of_ten[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                                       1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
            bool const negative = !text.empty() && text.front() == '-';
            std::uint64_t digits = 0;
            std::size_t count = 0, fraction = 0;
            bool point = false;
            for (std::size_t i = negative ? 1 : 0; i < text.size(); ++i) {
                char const ch = text[i];
                if (ch == '.') {
                    point = true;
                    continue;
                }
                unsigned const digit = static_cast<unsigned char>(ch) - unsigned{'0'};
                if (digit > 9 || ++count > 15)
                    return false;  // an exponent, or too many digits
                digits = digits * 10 + digit;
                fraction += point;
            }
            double const d = static_cast<double>(digits) / powers_of_ten[fraction];
            out = negative ? -d : d;
            return true;
        }
    }

    context ctx_;
    std::string key_;
    std::string string_;
    std::string number_;  // the pieces of a number that spans chunks
};

inline boost::json::parse_options parser_options(decode_options const& o)
{
    boost::json::parse_options p;
    p.max_depth = o.effective_max_depth();
    return p;
}

} // namespace detail

/** An incremental decoder: feed a JSON document in chunks of any size.

    Bytes go straight into `target`'s members; no DOM is built.

    @code
    hetzner::list_images_response page;
    json::decoder d(page);
    while (auto chunk = next_chunk())
        if (auto r = d.write(*chunk); !r) return r.error();
    if (auto r = d.finish(); !r) return r.error();
    @endcode
*/
class decoder {
public:
    template <class T>
    explicit decoder(T& target, decode_options const& options = {})
        : options_(options), parser_(detail::parser_options(options), target, options)
    {
    }

    decoder(decoder const&) = delete;
    decoder& operator=(decoder const&) = delete;

    /// Consume the next chunk.
    result<void> write(std::string_view chunk)
    {
        if (failed_)
            return failure_;
        total_ += chunk.size();
        if (total_ > options_.max_body_size)
            return fail(make_failure(error::limit_exceeded,
                                     "body larger than " + std::to_string(options_.max_body_size) + " bytes"));
        // A character or escape the last chunk left unfinished goes first, once whole
        // (detail/chunk_boundary.hpp says why the parser must not see it split).
        while (held_size_ != 0 && !chunk.empty()) {
            held_[held_size_++] = chunk.front();
            chunk.remove_prefix(1);
            if (auto r = feed_finished_part({held_.data(), held_size_}); !r)
                return r;
        }
        if (held_size_ != 0)
            return {};  // the chunk went into what is held, still unfinished
        return feed_finished_part(chunk);
    }

    /// The document is complete: check that it is, and that nothing is missing.
    result<void> finish()
    {
        if (failed_)
            return failure_;
        boost::system::error_code ec;
        parser_.write_some(false, held_.data(), held_size_, ec);
        held_size_ = 0;
        if (ec)
            return fail(ec);
        if (!parser_.done())
            return fail(make_failure(error::json_syntax, "incomplete JSON document"));
        return {};
    }

private:
    result<void> feed(std::string_view piece)
    {
        while (!piece.empty()) {
            boost::system::error_code ec;
            std::size_t n = parser_.write_some(true, piece.data(), piece.size(), ec);
            if (ec)
                return fail(ec);
            piece.remove_prefix(n);
        }
        return {};
    }
    // Feed `piece` up to an unfinished character or escape at its end, and hold that.
    result<void> feed_finished_part(std::string_view piece)
    {
        std::size_t const keep = detail::unfinished_tail(piece);
        if (auto r = feed(piece.substr(0, piece.size() - keep)); !r)
            return r;
        if (keep != 0)  // an empty chunk may have no data pointer at all
            std::memmove(held_.data(), piece.data() + piece.size() - keep, keep);
        held_size_ = keep;
        return {};
    }

    result<void> fail(failure f)
    {
        failed_ = true;
        failure_ = std::move(f);
        return failure_;
    }
    result<void> fail(boost::system::error_code const& ec)
    {
        auto const& ctx = parser_.handler().ctx();
        if (ctx.code != error{})
            return fail(make_failure(ctx.code, ctx.message, ctx.path));
        if (ec == boost::json::error::too_deep)
            return fail(make_failure(error::limit_exceeded, "nesting deeper than " + std::to_string(options_.effective_max_depth())));
        return fail(make_failure(error::json_syntax, ec.message()));
    }

    decode_options options_;
    boost::json::basic_parser<detail::sax_handler> parser_;
    std::uint64_t total_ = 0;
    std::array<char, 8> held_{};  // an unfinished character or escape: at most 5 bytes, and one more
    std::size_t held_size_ = 0;
    bool failed_ = false;
    failure failure_;
};

/// Decode `text` into `target`.
template <class T>
result<void> decode_into(std::string_view text, T& target, decode_options const& options = {})
{
    decoder d(target, options);
    if (auto r = d.write(text); !r)
        return r;
    return d.finish();
}

/// Decode `text` as a `T`.
template <class T>
result<T> decode(std::string_view text, decode_options const& options = {})
{
    T value{};
    if (auto r = decode_into(text, value, options); !r)
        return r.error();
    return value;
}

} // namespace cloudimg::json

#endif
