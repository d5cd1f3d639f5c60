#!/bin/sh
# Builds the JNI shim (c4j_bytes.c: exact bytes; c4j_guard.c: memory cap, stack check and interrupts;
# c4j_calls.c: the hot path of calls between Java and Lua) into the
# module's classes so that it ships in the jar.
# Usage: build.sh <java.home> <output directory>
# Never fails the build: without gcc, JDK headers or on another platform the engines use their
# pure-Java byte bridge instead (see ByteShim), and run without the guard (see NativeGuard).
set -u
java_home=$1
out=$2
dir=$(dirname "$0")
sources="$dir/c4j_bytes.c $dir/c4j_guard.c $dir/c4j_calls.c"
lib=$out/libc4jbytes.so

if [ "$(uname -s)" != Linux ] || [ "$(uname -m)" != x86_64 ]; then
    echo "c4j byte shim: not linux-x86_64, skipped (the pure-Java byte bridge will be used)"
    exit 0
fi
if ! command -v gcc >/dev/null 2>&1; then
    echo "c4j byte shim: gcc not found, skipped (the pure-Java byte bridge will be used)"
    exit 0
fi
if [ ! -f "$java_home/include/jni.h" ]; then
    echo "c4j byte shim: no JNI headers under $java_home/include, skipped (the pure-Java byte bridge will be used)"
    exit 0
fi
if [ -f "$lib" ] && [ "$lib" -nt "$dir/c4j_bytes.c" ] && [ "$lib" -nt "$dir/c4j_guard.c" ] && [ "$lib" -nt "$dir/c4j_calls.c" ] && [ "$lib" -nt "$0" ]; then
    exit 0
fi
mkdir -p "$out"
# -funwind-tables: LuaJIT unwinds a Lua error raised in our hook through our frame.
# shellcheck disable=SC2086 # two file names, split on purpose
if gcc -O2 -fPIC -shared -funwind-tables -Wall -Wextra -o "$lib" \
        -I"$java_home/include" -I"$java_home/include/linux" $sources -ldl -lpthread; then
    echo "c4j byte shim: built $lib"
else
    echo "c4j byte shim: gcc failed, skipped (the pure-Java byte bridge will be used)"
    rm -f "$lib"
fi
exit 0
