/*
 * The hot path between Java and a native Lua state (PUC Lua 5.1 or LuaJIT, as loaded by LuaJava): used by
 * dev.c4j.engine.jnlua.NativeCalls.
 *
 * LuaJava calls a Java function through its generic wrapper: a JNI upcall that finds the Java object by name and
 * checks for exceptions, after which Java reads each argument with JNI calls of its own (type, userdata, string).
 * The methods of our object types (Write, ReadUntil, ...) are called once per received line, so they get this
 * C closure instead: it reads the arguments into memory shared with Java (types, numbers, userdata addresses;
 * strings copied into Java's read scratch), then makes one upcall. And a callback with one string argument
 * (OnRead) is started by one downcall, `dispatch`, that pushes what LuaJava would push one JNI call at a time.
 *
 * Java's layout of the shared memory is in NativeCalls.java; the Lua functions are called through pointers found in
 * the loaded library (see ByteShim), never linked.
 */
#include <jni.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define LUA_REGISTRYINDEX (-10000)
#define LUA_GLOBALSINDEX (-10002)
#define UPVALUE(i) (LUA_GLOBALSINDEX - (i))
#define LUA_TNIL 0
#define LUA_TBOOLEAN 1
#define LUA_TNUMBER 3
#define LUA_TSTRING 4
#define LUA_TUSERDATA 7

/* The layout of NativeCalls.java. */
#define SCRATCH_TOP 0   /* int32: where the free part of Java's read scratch begins (Java) */
#define SCRATCH_END 4   /* int32: where the strings copied for this call end (here) */
#define DISPATCH_BASE 8 /* int32: the stack top before a failed dispatch (here) */
#define ARGS 16         /* MAX_DECODED slots of SLOT bytes */
#define SLOT 32
#define MAX_DECODED 8
#define ARG_TYPE 0      /* int32: the Lua type */
#define ARG_LENGTH 4    /* int32: a string's length, -1 when it was not copied */
#define ARG_OFFSET 8    /* int32: where in the scratch its copy starts */
#define ARG_NUMBER 16   /* double: a number, or 1/0 for a boolean */
#define ARG_POINTER 24  /* int64: a userdata's address */

/* What Java's call returns besides a count of results it pushed (NativeCalls.java). */
#define RAISE (-1)
#define RESULT_NIL (-2)
#define RESULT_TRUE (-3)
#define RESULT_FALSE (-4)
#define RESULT_ARGUMENT (-16) /* minus the argument's index */

#define GUARD_ENFORCE 32 /* int32 in the guard's shared memory (c4j_guard.c) */

typedef void lua_State;
typedef int (*lua_CFunction)(lua_State *L);

/* The functions of the loaded Lua library; the order of NativeCalls.API_FUNCTIONS. */
struct api {
    int (*gettop)(lua_State *L);
    void (*settop)(lua_State *L, int index);
    int (*type)(lua_State *L, int index);
    double (*tonumber)(lua_State *L, int index);
    int (*toboolean)(lua_State *L, int index);
    const char *(*tolstring)(lua_State *L, int index, size_t *length);
    void *(*touserdata)(lua_State *L, int index);
    void (*pushlstring)(lua_State *L, const char *s, size_t length);
    void (*pushnil)(lua_State *L);
    void (*pushboolean)(lua_State *L, int b);
    void (*pushvalue)(lua_State *L, int index);
    void (*pushnumber)(lua_State *L, double n);
    void (*pushinteger)(lua_State *L, ptrdiff_t n);
    void (*pushlightuserdata)(lua_State *L, void *p);
    void (*pushcclosure)(lua_State *L, lua_CFunction f, int n);
    void (*rawgeti)(lua_State *L, int index, int n);
    void (*rawget)(lua_State *L, int index);
    void (*getfenv)(lua_State *L, int index);
    int (*pcall)(lua_State *L, int nargs, int nresults, int errfunc);
    int (*error)(lua_State *L);
};

/* One slot per loaded Lua library (PUC Lua and LuaJIT may both be loaded); written once, under the lock. */
#define MAX_LIBRARIES 4
static struct api libraries[MAX_LIBRARIES];
static int library_count;
static pthread_mutex_t library_lock = PTHREAD_MUTEX_INITIALIZER;

struct calls {
    const struct api *api;
    int library;
    JavaVM *vm;
    jobject target;    /* the NativeCalls object (a global reference) */
    jmethodID call;    /* int call(int method, long L, int nargs) */
    char *shared;
    char *scratch;
    int32_t scratch_capacity;
    volatile int32_t *enforce; /* the guard's memory-cap switch, or NULL */
};

#define INT32(p) (*(int32_t *) (p))

/* Raises `text` as a Lua error (lua_error does not return). */
static int raise_text(struct calls *c, lua_State *L, const char *text) {
    c->api->pushlstring(L, text, strlen(text));
    return c->api->error(L);
}

/* Reads argument `i` (1-based) into its slot; strings go to the scratch at *top when they fit. */
static void decode(struct calls *c, lua_State *L, int i, int32_t *top) {
    char *slot = c->shared + ARGS + (i - 1) * SLOT;
    int type = c->api->type(L, i);
    INT32(slot + ARG_TYPE) = type;
    INT32(slot + ARG_LENGTH) = -1;
    switch (type) {
        case LUA_TNUMBER:
            /* not through lua_tolstring, which would turn the argument into a string in place */
            *(double *) (slot + ARG_NUMBER) = c->api->tonumber(L, i);
            break;
        case LUA_TBOOLEAN:
            *(double *) (slot + ARG_NUMBER) = c->api->toboolean(L, i);
            break;
        case LUA_TUSERDATA:
            *(int64_t *) (slot + ARG_POINTER) = (int64_t) (intptr_t) c->api->touserdata(L, i);
            break;
        case LUA_TSTRING: {
            size_t length;
            const char *bytes = c->api->tolstring(L, i, &length);
            if (bytes != NULL && length <= (size_t) (c->scratch_capacity - *top)) {
                memcpy(c->scratch + *top, bytes, length);
                INT32(slot + ARG_OFFSET) = *top;
                INT32(slot + ARG_LENGTH) = (int32_t) length;
                *top += (int32_t) length;
            }
            break;
        }
        default:
            break;
    }
}

/*
 * A method of one of our object types: upvalue 1 is the struct calls, upvalue 2 the method's number. Java
 * returns the number of results it pushed; or RAISE with an error message on top, which is raised here (Java cannot
 * unwind a Lua error); or a code for one result pushed here: nil, a boolean, or an argument again (self).
 */
static int method_of(int library, lua_State *L) {
    struct calls *c = libraries[library].touserdata(L, UPVALUE(1));
    int index = (int) c->api->tonumber(L, UPVALUE(2));
    int nargs = c->api->gettop(L);
    int32_t top = INT32(c->shared + SCRATCH_TOP);
    for (int i = 1; i <= nargs && i <= MAX_DECODED; i++) {
        decode(c, L, i, &top);
    }
    INT32(c->shared + SCRATCH_END) = top;
    JNIEnv *env;
    if ((*c->vm)->GetEnv(c->vm, (void **) &env, JNI_VERSION_1_6) != JNI_OK) {
        return raise_text(c, L, "c4j: a Lua state called Java from a thread unknown to the JVM");
    }
    jint results = (*env)->CallIntMethod(env, c->target, c->call, (jint) index, (jlong) (intptr_t) L, (jint) nargs);
    if ((*env)->ExceptionCheck(env)) { /* NativeCalls.call catches everything; this is the JVM failing */
        (*env)->ExceptionClear(env);
        return raise_text(c, L, "c4j: internal error in a Java function");
    }
    if (results >= 0) {
        return results;
    }
    switch (results) {
        case RAISE:
            return c->api->error(L);
        case RESULT_NIL:
            c->api->pushnil(L);
            break;
        case RESULT_TRUE:
        case RESULT_FALSE:
            c->api->pushboolean(L, results == RESULT_TRUE);
            break;
        default:
            c->api->pushvalue(L, RESULT_ARGUMENT - results);
            break;
    }
    return 1;
}

/* The C function of each library slot: a C function knows its library only by being this one. */
static int method0(lua_State *L) { return method_of(0, L); }
static int method1(lua_State *L) { return method_of(1, L); }
static int method2(lua_State *L) { return method_of(2, L); }
static int method3(lua_State *L) { return method_of(3, L); }
static const lua_CFunction methods[MAX_LIBRARIES] = {method0, method1, method2, method3};

/* The slot of `api`, added if new; -1 when all are taken. */
static int library_slot(const struct api *api) {
    pthread_mutex_lock(&library_lock);
    int slot = -1;
    for (int i = 0; i < library_count && slot < 0; i++) {
        if (memcmp(&libraries[i], api, sizeof *api) == 0) {
            slot = i;
        }
    }
    if (slot < 0 && library_count < MAX_LIBRARIES) {
        libraries[library_count] = *api;
        slot = library_count++;
    }
    pthread_mutex_unlock(&library_lock);
    return slot;
}

JNIEXPORT jlong JNICALL Java_dev_c4j_engine_jnlua_NativeCalls_install(
        JNIEnv *env, jclass cls, jlongArray api, jobject target, jobject shared, jobject scratch, jlong guard) {
    (void) cls;
    struct calls *c = calloc(1, sizeof *c);
    if (c == NULL) {
        return 0;
    }
    struct api functions;
    jsize count = (*env)->GetArrayLength(env, api);
    if ((size_t) count != sizeof functions / sizeof(void *)) {
        free(c);
        return 0;
    }
    jlong addresses[sizeof functions / sizeof(void *)];
    (*env)->GetLongArrayRegion(env, api, 0, count, addresses);
    void **slots = (void **) &functions;
    for (jsize i = 0; i < count; i++) {
        slots[i] = (void *) (intptr_t) addresses[i];
    }
    c->library = library_slot(&functions);
    if (c->library < 0) {
        free(c);
        return 0;
    }
    c->api = &libraries[c->library];
    jclass targetClass = (*env)->GetObjectClass(env, target);
    c->call = (*env)->GetMethodID(env, targetClass, "call", "(IJI)I");
    c->shared = (*env)->GetDirectBufferAddress(env, shared);
    c->scratch = (*env)->GetDirectBufferAddress(env, scratch);
    c->scratch_capacity = (int32_t) (*env)->GetDirectBufferCapacity(env, scratch);
    c->enforce = guard != 0 ? (volatile int32_t *) ((char *) (intptr_t) guard + GUARD_ENFORCE) : NULL;
    if (c->call == NULL || c->shared == NULL || c->scratch == NULL || (*env)->GetJavaVM(env, &c->vm) != 0) {
        (*env)->ExceptionClear(env);
        free(c);
        return 0;
    }
    c->target = (*env)->NewGlobalRef(env, target);
    return (jlong) (intptr_t) c;
}

JNIEXPORT void JNICALL Java_dev_c4j_engine_jnlua_NativeCalls_free(JNIEnv *env, jclass cls, jlong handle) {
    (void) cls;
    struct calls *c = (struct calls *) (intptr_t) handle;
    (*env)->DeleteGlobalRef(env, c->target);
    free(c);
}

/* Pushes method number `index` as a C closure. */
JNIEXPORT void JNICALL Java_dev_c4j_engine_jnlua_NativeCalls_pushMethod(
        JNIEnv *env, jclass cls, jlong handle, jlong state, jint index) {
    (void) env;
    (void) cls;
    struct calls *c = (struct calls *) (intptr_t) handle;
    lua_State *L = (lua_State *) (intptr_t) state;
    c->api->pushlightuserdata(L, c);
    c->api->pushinteger(L, index);
    c->api->pushcclosure(L, methods[c->library], 2);
}

/*
 * handler(self, bytes) as the runtime's dispatch function calls it (runtime.lua), without running it: the message
 * handler; the object, objects[id]; its handler, getfenv(object)[slot]; then `length` bytes of the scratch at
 * `offset`; lua_pcall with the memory cap on. Returns lua_pcall's status (0 too when the object is gone). After a
 * success the stack is as it was; after an error the error value is on top and DISPATCH_BASE says where Java resets
 * the stack to.
 */
JNIEXPORT jint JNICALL Java_dev_c4j_engine_jnlua_NativeCalls_dispatchBytes(
        JNIEnv *env, jclass cls, jlong handle, jlong state, jint onErrorRef, jint objectsRef, jdouble id,
        jint slot, jint offset, jint length) {
    (void) env;
    (void) cls;
    struct calls *c = (struct calls *) (intptr_t) handle;
    lua_State *L = (lua_State *) (intptr_t) state;
    int base = c->api->gettop(L);
    c->api->rawgeti(L, LUA_REGISTRYINDEX, onErrorRef);  /* base + 1 */
    c->api->rawgeti(L, LUA_REGISTRYINDEX, objectsRef);  /* base + 2 */
    c->api->pushnumber(L, id);
    c->api->rawget(L, base + 2);                        /* base + 3: the object */
    if (c->api->type(L, base + 3) != LUA_TUSERDATA) {
        c->api->settop(L, base);
        return 0;
    }
    c->api->getfenv(L, base + 3);                       /* base + 4: its handlers */
    c->api->rawgeti(L, base + 4, slot);                 /* base + 5: the handler */
    c->api->pushvalue(L, base + 3);
    c->api->pushlstring(L, c->scratch + offset, (size_t) length);
    int capped = c->enforce != NULL ? *c->enforce : 0;
    if (c->enforce != NULL) *c->enforce = 1;
    int status = c->api->pcall(L, 2, 0, base + 1);
    if (c->enforce != NULL) *c->enforce = capped;
    if (status == 0) {
        c->api->settop(L, base);
    } else {
        INT32(c->shared + DISPATCH_BASE) = base;
    }
    return status;
}
