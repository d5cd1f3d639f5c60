package dev.c4j.host.pkg;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one rule for names inside a package (host spec §1.1, Q3): relative to the package root, {@code /}-separated,
 * case-sensitive, never leaving the root. Archive entries and lookups ({@code require}, the {@code C4Z} alias,
 * {@code <script file>}) both go through it.
 */
final class RelativeNames {

    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:");

    private RelativeNames() {
    }

    /**
     * Whether {@code name} points outside the root: absolute ({@code /x}, {@code C:x}) or climbing with {@code ..}.
     * Backslashes count as separators here, as an archive made on Windows may mean them so.
     */
    static boolean leavesRoot(String name) {
        String slashed = name.replace('\\', '/');
        return slashed.startsWith("/") || DRIVE.matcher(slashed).lookingAt()
                || List.of(slashed.split("/")).contains("..");
    }

    /**
     * The canonical form of a name to look up ({@code ./lib//x.lua} is {@code lib/x.lua}); empty when it leaves the
     * root, names nothing, or holds a backslash or NUL, which would not mean the same file in a zip and on disk.
     */
    static Optional<String> normalize(String name) {
        if (leavesRoot(name) || name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0) {
            return Optional.empty();
        }
        List<String> segments = new ArrayList<>();
        for (String segment : name.split("/")) {
            if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
        }
        return segments.isEmpty() ? Optional.empty() : Optional.of(String.join("/", segments));
    }
}
