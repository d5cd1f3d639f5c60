package dev.c4j.engine.luaj.compat;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * {@code string.find/match/gmatch/gsub} as in C Lua 5.1.5's lstrlib.c, ported line by line. LuaJ 3.0.1's own
 * matcher differs where drivers can see it: its classes follow Java's Unicode tables instead of the C locale, the
 * %f frontier fails with an internal error, and malformed patterns crash with Java exceptions.
 *
 * <p>Patterns are read as C strings (a NUL byte ends them, as in 5.1); positions index the subject from 0, and
 * reading one past its end gives 0 like the C terminator.
 */
final class LuaPatterns {
    private static final int MAX_CAPTURES = 32; // LUA_MAXCAPTURES
    private static final int CAP_UNFINISHED = -1;
    private static final int CAP_POSITION = -2;
    private static final int NO_MATCH = -1;
    private static final String SPECIALS = "^$*+?.([%-";

    private LuaPatterns() {
    }

    static final class Find extends VarArgFunction {
        @Override
        public Varargs invoke(Varargs args) {
            return findOrMatch(args, true);
        }
    }

    static final class Match extends VarArgFunction {
        @Override
        public Varargs invoke(Varargs args) {
            return findOrMatch(args, false);
        }
    }

    static final class GMatch extends VarArgFunction {
        @Override
        public Varargs invoke(Varargs args) {
            return new GMatchIterator(LibArgs.checkString(args, 1, "gmatch"), LibArgs.checkString(args, 2, "gmatch"));
        }
    }

    static final class GSub extends VarArgFunction {
        @Override
        public Varargs invoke(Varargs args) {
            return gsub(args);
        }
    }

    /** {@code str_find_aux}. */
    private static Varargs findOrMatch(Varargs args, boolean find) {
        String name = find ? "find" : "match";
        LuaString s = LibArgs.checkString(args, 1, name);
        LuaString p = LibArgs.checkString(args, 2, name);
        long init = posrelat(LibArgs.optInteger(args, 3, name, 1), s.m_length) - 1;
        init = Math.min(Math.max(init, 0), s.m_length);
        if (find && (args.arg(4).toboolean() || !hasSpecials(p))) {
            int at = plainFind(s, p, (int) init);
            if (at >= 0) {
                return LuaValue.varargsOf(LuaValue.valueOf(at + 1), LuaValue.valueOf(at + p.m_length));
            }
        } else {
            MatchState ms = new MatchState(s, p);
            boolean anchor = ms.pat(0) == '^';
            int pattern = anchor ? 1 : 0;
            int s1 = (int) init;
            do {
                ms.level = 0;
                int end = ms.match(s1, pattern);
                if (end != NO_MATCH) {
                    if (find) {
                        return LuaValue.varargsOf(LuaValue.valueOf(s1 + 1), LuaValue.valueOf(end),
                                ms.captures(NO_MATCH, 0));
                    }
                    return ms.captures(s1, end);
                }
            } while (s1++ < s.m_length && !anchor);
        }
        return LuaValue.NIL;
    }

    /** {@code gmatch_aux}: the iterator keeps the subject, the pattern and where to go on. */
    private static final class GMatchIterator extends VarArgFunction {
        private final LuaString subject;
        private final LuaString pattern;
        private int start;

        GMatchIterator(LuaString subject, LuaString pattern) {
            this.subject = subject;
            this.pattern = pattern;
        }

        @Override
        public Varargs invoke(Varargs args) {
            MatchState ms = new MatchState(subject, pattern);
            for (int src = start; src <= subject.m_length; src++) {
                ms.level = 0;
                int end = ms.match(src, 0);
                if (end != NO_MATCH) {
                    start = end == src ? end + 1 : end; // an empty match moves on by one
                    return ms.captures(src, end);
                }
            }
            return LuaValue.NONE;
        }
    }

    /** {@code str_gsub}. */
    private static Varargs gsub(Varargs args) {
        LuaString src = LibArgs.checkString(args, 1, "gsub");
        LuaString p = LibArgs.checkString(args, 2, "gsub");
        LuaValue repl = args.arg(3);
        int replType = repl.type();
        int maxReplacements = (int) LibArgs.optInteger(args, 4, "gsub", src.m_length + 1L);
        if (replType != LuaValue.TNUMBER && replType != LuaValue.TSTRING
                && replType != LuaValue.TFUNCTION && replType != LuaValue.TTABLE) {
            throw LibArgs.argError(3, "gsub", "string/function/table expected");
        }
        if (replType == LuaValue.TNUMBER) {
            repl = LuaString.valueOf(LuaNumbers.toString(repl.todouble()));
        }
        MatchState ms = new MatchState(src, p);
        boolean anchor = ms.pat(0) == '^';
        int pattern = anchor ? 1 : 0;
        ByteSink out = new ByteSink(src.m_length);
        int s = 0;
        int n = 0;
        while (n < maxReplacements) {
            ms.level = 0;
            int e = ms.match(s, pattern);
            if (e != NO_MATCH) {
                n++;
                ms.addValue(out, s, e, repl);
            }
            if (e != NO_MATCH && e > s) {
                s = e;
            } else if (s < src.m_length) {
                out.append(src.m_bytes[src.m_offset + s++]);
            } else {
                break;
            }
            if (anchor) {
                break;
            }
        }
        out.append(src.m_bytes, src.m_offset + s, src.m_length - s);
        return LuaValue.varargsOf(out.toLuaString(), LuaValue.valueOf(n));
    }

    /** {@code lmemfind}: the first occurrence of p in s at or after init; the empty string is everywhere. */
    private static int plainFind(LuaString s, LuaString p, int init) {
        for (int i = init; i <= s.m_length - p.m_length; i++) {
            int k = 0;
            while (k < p.m_length && s.m_bytes[s.m_offset + i + k] == p.m_bytes[p.m_offset + k]) {
                k++;
            }
            if (k == p.m_length) {
                return i;
            }
        }
        return -1;
    }

    private static long posrelat(long pos, int length) {
        if (pos < 0) {
            pos += length + 1L;
        }
        return pos >= 0 ? pos : 0;
    }

    /** {@code strpbrk(p, SPECIALS)}: the pattern as a C string. */
    private static boolean hasSpecials(LuaString p) {
        for (int i = 0; i < p.m_length; i++) {
            int c = p.m_bytes[p.m_offset + i];
            if (c == 0) {
                return false;
            }
            if (SPECIALS.indexOf(c) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static final class MatchState {
        private final LuaString source;
        private final LuaString pattern;
        private final int sourceLength;
        private final int[] captureStart = new int[MAX_CAPTURES];
        private final int[] captureLength = new int[MAX_CAPTURES];
        int level;

        MatchState(LuaString source, LuaString pattern) {
            this.source = source;
            this.pattern = pattern;
            this.sourceLength = source.m_length;
        }

        int src(int i) {
            return i < sourceLength ? source.m_bytes[source.m_offset + i] & 0xff : 0;
        }

        int pat(int i) {
            return i < pattern.m_length ? pattern.m_bytes[pattern.m_offset + i] & 0xff : 0;
        }

        /** {@code match}: the end of the match of pattern[p..] at source[s..], or NO_MATCH. */
        int match(int s, int p) {
            while (true) {
                int c = pat(p);
                if (c == '(') {
                    return pat(p + 1) == ')'
                            ? startCapture(s, p + 2, CAP_POSITION)
                            : startCapture(s, p + 1, CAP_UNFINISHED);
                }
                if (c == ')') {
                    return endCapture(s, p + 1);
                }
                if (c == 0) {
                    return s;
                }
                if (c == '$' && pat(p + 1) == 0) {
                    return s == sourceLength ? s : NO_MATCH;
                }
                if (c == '%' && pat(p + 1) == 'b') {
                    s = matchBalance(s, p + 2);
                    if (s == NO_MATCH) {
                        return NO_MATCH;
                    }
                    p += 4;
                    continue;
                }
                if (c == '%' && pat(p + 1) == 'f') {
                    p += 2;
                    if (pat(p) != '[') {
                        throw new LuaError("missing '[' after '%f' in pattern");
                    }
                    int ep = classEnd(p);
                    int previous = s == 0 ? 0 : src(s - 1);
                    if (matchBracketClass(previous, p, ep - 1) || !matchBracketClass(src(s), p, ep - 1)) {
                        return NO_MATCH;
                    }
                    p = ep;
                    continue;
                }
                if (c == '%' && CType.isDigit(pat(p + 1))) {
                    s = matchCapture(s, pat(p + 1));
                    if (s == NO_MATCH) {
                        return NO_MATCH;
                    }
                    p += 2;
                    continue;
                }
                // A single-character class, possibly followed by a repetition.
                int ep = classEnd(p);
                boolean m = s < sourceLength && singleMatch(src(s), p, ep);
                switch (pat(ep)) {
                    case '?' -> {
                        if (m) {
                            int res = match(s + 1, ep + 1);
                            if (res != NO_MATCH) {
                                return res;
                            }
                        }
                        p = ep + 1;
                    }
                    case '*' -> {
                        return maxExpand(s, p, ep);
                    }
                    case '+' -> {
                        return m ? maxExpand(s + 1, p, ep) : NO_MATCH;
                    }
                    case '-' -> {
                        return minExpand(s, p, ep);
                    }
                    default -> {
                        if (!m) {
                            return NO_MATCH;
                        }
                        s++;
                        p = ep;
                    }
                }
            }
        }

        private int classEnd(int p) {
            int c = pat(p++);
            if (c == '%') {
                if (pat(p) == 0) {
                    throw new LuaError("malformed pattern (ends with '%')");
                }
                return p + 1;
            }
            if (c == '[') {
                if (pat(p) == '^') {
                    p++;
                }
                do { // look for a ']'; the first character of the set is never its end
                    if (pat(p) == 0) {
                        throw new LuaError("malformed pattern (missing ']')");
                    }
                    if (pat(p++) == '%' && pat(p) != 0) {
                        p++;
                    }
                } while (pat(p) != ']');
                return p + 1;
            }
            return p;
        }

        private boolean singleMatch(int c, int p, int ep) {
            return switch (pat(p)) {
                case '.' -> true;
                case '%' -> matchClass(c, pat(p + 1));
                case '[' -> matchBracketClass(c, p, ep - 1);
                default -> pat(p) == c;
            };
        }

        /** {@code matchbracketclass}: p at '[', ec at the closing ']'. */
        private boolean matchBracketClass(int c, int p, int ec) {
            boolean found = true;
            if (pat(p + 1) == '^') {
                found = false;
                p++;
            }
            while (++p < ec) {
                if (pat(p) == '%') {
                    p++;
                    if (matchClass(c, pat(p))) {
                        return found;
                    }
                } else if (pat(p + 1) == '-' && p + 2 < ec) {
                    p += 2;
                    if (pat(p - 2) <= c && c <= pat(p)) {
                        return found;
                    }
                } else if (pat(p) == c) {
                    return found;
                }
            }
            return !found;
        }

        private static boolean matchClass(int c, int cl) {
            boolean res;
            switch (CType.toLower(cl)) {
                case 'a' -> res = CType.isAlpha(c);
                case 'c' -> res = CType.isCntrl(c);
                case 'd' -> res = CType.isDigit(c);
                case 'l' -> res = CType.isLower(c);
                case 'p' -> res = CType.isPunct(c);
                case 's' -> res = CType.isSpace(c);
                case 'u' -> res = CType.isUpper(c);
                case 'w' -> res = CType.isAlnum(c);
                case 'x' -> res = CType.isXDigit(c);
                case 'z' -> res = c == 0;
                default -> {
                    return cl == c;
                }
            }
            return CType.isLower(cl) ? res : !res; // an upper-case class letter is the complement
        }

        private int matchBalance(int s, int p) {
            if (pat(p) == 0 || pat(p + 1) == 0) {
                throw new LuaError("unbalanced pattern");
            }
            if (src(s) != pat(p)) {
                return NO_MATCH;
            }
            int open = pat(p);
            int close = pat(p + 1);
            int depth = 1;
            while (++s < sourceLength) {
                int c = src(s);
                if (c == close) {
                    if (--depth == 0) {
                        return s + 1;
                    }
                } else if (c == open) {
                    depth++;
                }
            }
            return NO_MATCH;
        }

        private int maxExpand(int s, int p, int ep) {
            int i = 0;
            while (s + i < sourceLength && singleMatch(src(s + i), p, ep)) {
                i++;
            }
            for (; i >= 0; i--) { // try the longest first, then give back one at a time
                int res = match(s + i, ep + 1);
                if (res != NO_MATCH) {
                    return res;
                }
            }
            return NO_MATCH;
        }

        private int minExpand(int s, int p, int ep) {
            while (true) {
                int res = match(s, ep + 1);
                if (res != NO_MATCH) {
                    return res;
                }
                if (s < sourceLength && singleMatch(src(s), p, ep)) {
                    s++;
                } else {
                    return NO_MATCH;
                }
            }
        }

        private int startCapture(int s, int p, int what) {
            if (level >= MAX_CAPTURES) {
                throw new LuaError("too many captures");
            }
            captureStart[level] = s;
            captureLength[level] = what;
            level++;
            int res = match(s, p);
            if (res == NO_MATCH) {
                level--;
            }
            return res;
        }

        private int endCapture(int s, int p) {
            int l = captureToClose();
            captureLength[l] = s - captureStart[l];
            int res = match(s, p);
            if (res == NO_MATCH) {
                captureLength[l] = CAP_UNFINISHED;
            }
            return res;
        }

        private int matchCapture(int s, int digit) {
            int l = checkCapture(digit);
            int length = captureLength[l];
            if (length < 0 || sourceLength - s < length) { // a position capture never matches (size_t in C)
                return NO_MATCH;
            }
            for (int i = 0; i < length; i++) {
                if (src(captureStart[l] + i) != src(s + i)) {
                    return NO_MATCH;
                }
            }
            return s + length;
        }

        private int checkCapture(int digit) {
            int l = digit - '1';
            if (l < 0 || l >= level || captureLength[l] == CAP_UNFINISHED) {
                throw new LuaError("invalid capture index");
            }
            return l;
        }

        private int captureToClose() {
            for (int l = level - 1; l >= 0; l--) {
                if (captureLength[l] == CAP_UNFINISHED) {
                    return l;
                }
            }
            throw new LuaError("invalid pattern capture");
        }

        /** {@code push_onecapture}; capture 0 without captures is the whole match s..e. */
        LuaValue capture(int i, int s, int e) {
            if (i >= level) {
                if (i != 0) {
                    throw new LuaError("invalid capture index");
                }
                return source.substring(s, e);
            }
            int length = captureLength[i];
            if (length == CAP_UNFINISHED) {
                throw new LuaError("unfinished capture");
            }
            if (length == CAP_POSITION) {
                return LuaValue.valueOf(captureStart[i] + 1);
            }
            return source.substring(captureStart[i], captureStart[i] + length);
        }

        /** {@code push_captures}; s == NO_MATCH asks for the explicit captures only (string.find). */
        Varargs captures(int s, int e) {
            int count = level == 0 && s != NO_MATCH ? 1 : level;
            LuaValue[] values = new LuaValue[count];
            for (int i = 0; i < count; i++) {
                values[i] = capture(i, s, e);
            }
            return LuaValue.varargsOf(values);
        }

        /** {@code add_value}: append the replacement of the match s..e. */
        void addValue(ByteSink out, int s, int e, LuaValue repl) {
            LuaValue value;
            switch (repl.type()) {
                case LuaValue.TFUNCTION -> value = repl.invoke(captures(s, e)).arg1();
                case LuaValue.TTABLE -> value = repl.get(capture(0, s, e));
                default -> {
                    addString(out, s, e, repl.strvalue());
                    return;
                }
            }
            if (!value.toboolean()) {
                out.append(source.m_bytes, source.m_offset + s, e - s); // nil or false keeps the original text
            } else if (value.type() == LuaValue.TSTRING) {
                out.append(value.strvalue());
            } else if (value.type() == LuaValue.TNUMBER) {
                out.appendAscii(LuaNumbers.toString(value.todouble()));
            } else {
                throw new LuaError("invalid replacement value (a " + value.typename() + ")");
            }
        }

        /** {@code add_s}: %0-%9 are captures, '%' before anything else is that character. */
        private void addString(ByteSink out, int s, int e, LuaString news) {
            byte[] b = news.m_bytes;
            int end = news.m_offset + news.m_length;
            for (int i = news.m_offset; i < end; i++) {
                int c = b[i] & 0xff;
                if (c != '%') {
                    out.append(c);
                    continue;
                }
                i++;
                c = i < end ? b[i] & 0xff : 0; // a final '%' adds the C terminator, as 5.1 does
                if (!CType.isDigit(c)) {
                    out.append(c);
                } else if (c == '0') {
                    out.append(source.m_bytes, source.m_offset + s, e - s);
                } else {
                    LuaValue capture = capture(c - '1', s, e);
                    if (capture.type() == LuaValue.TNUMBER) {
                        out.appendAscii(LuaNumbers.toString(capture.todouble()));
                    } else {
                        out.append(capture.strvalue());
                    }
                }
            }
        }
    }
}
