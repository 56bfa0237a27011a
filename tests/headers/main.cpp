// Copyright (c) 2026 The cloudimg authors.
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at http://www.boost.org/LICENSE_1_0.txt)

// The generated translation units beside this one each include one header of
// include/cloudimg and nothing else; that they compile and link is the test.
int main()
{
    return 0;
}
