// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// Macros that well-known platform headers define, with their real shapes, so
// that a cloudimg header that collides with one of them fails to compile here
// rather than in a user's program:
//   <windows.h>       DELETE (winnt.h), ERROR (wingdi.h), min and max (windef.h, without NOMINMAX)
//   <X11/Xlib.h>      None (X.h), Bool and Status (Xlib.h)
//   <AssertMacros.h>  check(assertion) (macOS, included by CoreServices)
// No include guard on purpose: the hygiene test includes it first, once.

#define DELETE (0x00010000L)
#define ERROR 0
#define min(a, b) (((a) < (b)) ? (a) : (b))
#define max(a, b) (((a) > (b)) ? (a) : (b))
#define None 0L
#define Bool int
#define Status int
#define check(assertion) ((void)(assertion))
