package dev.c4j.lua;

import dev.c4j.lua.spi.LuaFunction;

import java.util.Arrays;
import java.util.Map;

/** The {@code C4:File*} calls (host spec 7.5) over the driver's {@link FileSandbox}. {@code Unzip} is not provided. */
final class FileLib {

    private FileLib() {
    }

    static void register(DriverContext ctx, Map<String, LuaFunction> c4) {
        FileSandbox files = ctx.files;
        c4.put("FileSetDir", frame -> {
            Args args = Args.method(frame, "FileSetDir");
            files.setDir(args.checkString(1), args.isNoneOrNil(2) ? null : args.checkString(2));
            return LuaFunction.Results.NONE;
        });
        c4.put("FileOpen", frame -> files.open(Args.method(frame, "FileOpen").checkString(1)));
        c4.put("FileClose", frame -> {
            files.close(handle(Args.method(frame, "FileClose")));
            return LuaFunction.Results.NONE;
        });
        c4.put("FileRead", frame -> {
            Args args = Args.method(frame, "FileRead");
            return files.read(handle(args), Args.truncate(args.checkNumber(2)));
        });
        c4.put("FileWrite", frame -> {
            Args args = Args.method(frame, "FileWrite");
            int handle = handle(args);
            long count = Args.truncate(args.checkNumber(2));
            byte[] data = args.checkByteArray(3);
            // the first count bytes of data, all of it when shorter
            return files.append(handle, Arrays.copyOf(data, (int) Math.max(0, Math.min(count, data.length))));
        });
        c4.put("FileWriteString", frame -> {
            Args args = Args.method(frame, "FileWriteString");
            return files.append(handle(args), args.checkByteArray(2));
        });
        c4.put("FileSetPos", frame -> {
            Args args = Args.method(frame, "FileSetPos");
            files.setPosition(handle(args), Args.truncate(args.checkNumber(2)));
            return LuaFunction.Results.NONE;
        });
        c4.put("FileGetPos", frame -> files.position(handle(Args.method(frame, "FileGetPos"))));
        c4.put("FileGetSize", frame -> files.size(handle(Args.method(frame, "FileGetSize"))));
        c4.put("FileIsValid", frame -> files.isValid(handle(Args.method(frame, "FileIsValid"))));
        c4.put("FileGetName", frame -> files.name(handle(Args.method(frame, "FileGetName"))));
        c4.put("FileExists", frame -> files.exists(Args.method(frame, "FileExists").checkString(1)));
        c4.put("FileDelete", frame -> {
            Args args = Args.method(frame, "FileDelete");
            if (args.isNoneOrNil(2)) {
                files.delete(args.checkString(1));
            } else {
                files.delete(args.checkString(1), args.checkString(2));
            }
            return LuaFunction.Results.NONE;
        });
        c4.put("FileList", frame -> files.list());
        c4.put("FileGetOpenedHandles", frame -> files.openedHandles());
        c4.put("FileFreeSpace", frame -> files.freeSpace());
        c4.put("FileCreateDir", frame -> {
            Args args = Args.method(frame, "FileCreateDir");
            files.createDir(args.checkString(1), args.checkString(2));
            return LuaFunction.Results.NONE;
        });
        c4.put("FileMove", frame -> {
            Args args = Args.method(frame, "FileMove");
            files.move(args.checkString(1), args.checkString(2), args.checkString(3), args.checkString(4));
            return LuaFunction.Results.NONE;
        });
    }

    /** A handle argument: a number (or numeric string), truncated; out of range is simply no handle. */
    private static int handle(Args args) {
        long handle = Args.truncate(args.checkNumber(1));
        return handle < 1 || handle > Integer.MAX_VALUE ? -1 : (int) handle;
    }
}
