/*
 * Byte-exact strings between Java and the Lua library that LuaJava has loaded (PUC Lua 5.1 or LuaJIT):
 * LuaJava 4.0.2 pushes strings only through JNI's modified UTF-8, and reads bytes only through a new direct
 * ByteBuffer per string (an upcall into Java each time). Used by dev.c4j.engine.jnlua.ByteShim; without this
 * library the Java side falls back to a pure-Java exact push and LuaJava's reads.
 *
 * The Lua functions are found in the loaded library that exports a JNI symbol of LuaJava's natives class (the
 * "marker"), never by file name, so this works wherever LuaJava extracted its library.
 *
 * No JNI critical regions: lua_pushlstring and lua_tolstring may run a GC step and with it a __gc metamethod
 * that calls back into Java, which a critical region forbids.
 */
#define _GNU_SOURCE
#include <jni.h>
#include <dlfcn.h>
#include <link.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef void (*pushlstring_fn)(void *L, const char *s, size_t len);
typedef const char *(*tolstring_fn)(void *L, int index, size_t *len);

struct names {
    char **items;
    size_t count, capacity;
};

/* Only records names: dlopen must not run inside dl_iterate_phdr, which holds the loader's lock. */
static int collect_name(struct dl_phdr_info *info, size_t size, void *data) {
    struct names *names = data;
    (void) size;
    if (info->dlpi_name == NULL || info->dlpi_name[0] == '\0') {
        return 0;
    }
    if (names->count == names->capacity) {
        size_t capacity = names->capacity ? names->capacity * 2 : 64;
        char **items = realloc(names->items, capacity * sizeof *items);
        if (items == NULL) {
            return 1;
        }
        names->items = items;
        names->capacity = capacity;
    }
    names->items[names->count] = strdup(info->dlpi_name);
    if (names->items[names->count] != NULL) {
        names->count++;
    }
    return 0;
}

/* The address of `symbol` in the loaded library that exports `marker`, or 0. */
JNIEXPORT jlong JNICALL Java_dev_c4j_engine_jnlua_ByteShim_findSymbol(
        JNIEnv *env, jclass cls, jstring marker, jstring symbol) {
    (void) cls;
    const char *markerName = (*env)->GetStringUTFChars(env, marker, NULL);
    const char *symbolName = (*env)->GetStringUTFChars(env, symbol, NULL);
    jlong found = 0;
    if (markerName != NULL && symbolName != NULL) {
        struct names names = {NULL, 0, 0};
        dl_iterate_phdr(collect_name, &names);
        for (size_t i = 0; i < names.count; i++) {
            if (found == 0) {
                void *library = dlopen(names.items[i], RTLD_NOLOAD | RTLD_NOW);
                if (library != NULL) {
                    void *address = dlsym(library, markerName) != NULL ? dlsym(library, symbolName) : NULL;
                    if (address != NULL) {
                        /* Keep our handle: the library stays loaded as long as we may call into it. */
                        found = (jlong) (intptr_t) address;
                    } else {
                        dlclose(library);
                    }
                }
            }
            free(names.items[i]);
        }
        free(names.items);
    }
    if (markerName != NULL) (*env)->ReleaseStringUTFChars(env, marker, markerName);
    if (symbolName != NULL) (*env)->ReleaseStringUTFChars(env, symbol, symbolName);
    return found;
}

JNIEXPORT void JNICALL Java_dev_c4j_engine_jnlua_ByteShim_pushDirect(
        JNIEnv *env, jclass cls, jlong pushlstring, jlong L, jobject buffer, jint offset, jint length) {
    (void) cls;
    const char *bytes = (*env)->GetDirectBufferAddress(env, buffer);
    ((pushlstring_fn) (intptr_t) pushlstring)((void *) (intptr_t) L, bytes + offset, (size_t) length);
}

JNIEXPORT void JNICALL Java_dev_c4j_engine_jnlua_ByteShim_pushArray(
        JNIEnv *env, jclass cls, jlong pushlstring, jlong L, jbyteArray array, jint offset, jint length) {
    (void) cls;
    char small[8192];
    char *bytes = (size_t) length <= sizeof small ? small : malloc((size_t) length);
    if (bytes == NULL) {
        jclass oom = (*env)->FindClass(env, "java/lang/OutOfMemoryError");
        if (oom != NULL) (*env)->ThrowNew(env, oom, "c4j byte shim");
        return;
    }
    (*env)->GetByteArrayRegion(env, array, offset, length, (jbyte *) bytes);
    ((pushlstring_fn) (intptr_t) pushlstring)((void *) (intptr_t) L, bytes, (size_t) length);
    if (bytes != small) {
        free(bytes);
    }
}

/*
 * Copies the string (or number, converted in place as lua_tolstring does) at `index` into the direct buffer
 * at `offset` when it fits in `room` bytes. Returns its length either way (so a result above `room` means
 * nothing was copied), or -1 when the value is neither string nor number.
 */
JNIEXPORT jint JNICALL Java_dev_c4j_engine_jnlua_ByteShim_copyString(
        JNIEnv *env, jclass cls, jlong tolstring, jlong L, jint index, jobject buffer, jint offset, jint room) {
    (void) cls;
    size_t length;
    const char *bytes = ((tolstring_fn) (intptr_t) tolstring)((void *) (intptr_t) L, index, &length);
    if (bytes == NULL) {
        return -1;
    }
    if (length > (size_t) room) {
        return length > INT32_MAX ? INT32_MAX : (jint) length;
    }
    char *target = (*env)->GetDirectBufferAddress(env, buffer);
    memcpy(target + offset, bytes, length);
    return (jint) length;
}
