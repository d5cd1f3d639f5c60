/*
 * The guard of a native Lua state (PUC Lua 5.1 or LuaJIT, as loaded by LuaJava): used by
 * dev.c4j.engine.jnlua.NativeGuard.
 *
 *  - A memory cap: our allocator wraps the state's own and counts the bytes; while Java says the limit is enforced
 *    (only while driver code runs under lua_pcall, never while Java works the stack), growth past the limit fails,
 *    which Lua turns into its "not enough memory" error. Lua 5.1 and LuaJIT do not collect when an allocation
 *    fails, so after a refusal the state may use a little more (HEADROOM_SHARE of the limit) to handle the error,
 *    and the hook runs a full collection at its next turn.
 *  - A count hook, every `hook_count` instructions: it raises "C stack overflow" when the native stack is nearly
 *    used up (LuaJIT counts no C calls, so C recursion would otherwise run into the end of the stack), and it raises
 *    the runaway guard's message when Java asks to interrupt the call now running.
 *
 * Java reads and writes the `shared` part through a direct ByteBuffer (offsets in NativeGuard.java); the rest is
 * ours. The Lua functions are called through pointers found in the loaded library (see ByteShim), never linked.
 */
#define _GNU_SOURCE
#include <jni.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LUA_IDSIZE 60
#define LUA_MASKCOUNT (1 << 3)
#define LUA_GCCOUNT 3
#define LUA_GCCOUNTB 4
#define MESSAGE_CAPACITY 464
#define TRUSTED_SOURCE "=c4j-runtime"
#define MAX_LIBRARIES 4
#define LUA_GCCOLLECT 2
#define HEADROOM_SHARE 8 /* an eighth of the limit */

/* The same layout in PUC Lua 5.1 and LuaJIT 2.1. */
typedef struct lua_Debug {
    int event;
    const char *name;
    const char *namewhat;
    const char *what;
    const char *source;
    int currentline;
    int nups;
    int linedefined;
    int lastlinedefined;
    char short_src[LUA_IDSIZE];
    int i_ci;
} lua_Debug;

typedef void lua_State;
typedef void *(*lua_Alloc)(void *ud, void *ptr, size_t osize, size_t nsize);
typedef void (*lua_Hook)(lua_State *L, lua_Debug *ar);

/* The functions of one loaded Lua library; the order of NativeGuard.API_FUNCTIONS. */
struct api {
    lua_Alloc (*getallocf)(lua_State *L, void **ud);
    void (*setallocf)(lua_State *L, lua_Alloc f, void *ud);
    int (*sethook)(lua_State *L, lua_Hook f, int mask, int count);
    int (*gethookcount)(lua_State *L);
    int (*getinfo)(lua_State *L, const char *what, lua_Debug *ar);
    void (*pushlstring)(lua_State *L, const char *s, size_t len);
    int (*error)(lua_State *L);
    int (*gc)(lua_State *L, int what, int data);
};

struct shared {
    volatile int64_t running;        /*  0: the call into Lua now running (Java) */
    volatile int64_t interrupt;      /*  8: the call to interrupt (Java, any thread) */
    volatile int64_t limit;          /* 16: bytes of Lua memory, 0 for none (Java) */
    volatile int64_t used;           /* 24: bytes of Lua memory now (here) */
    volatile int32_t enforce;        /* 32: whether the limit applies now (Java) */
    volatile int32_t refused;        /* 36: allocations refused since Java last looked (here; Java clears) */
    volatile int32_t message_length; /* 40 (Java) */
    int32_t unused;
    char message[MESSAGE_CAPACITY];  /* 48 (Java) */
};

/* One slot per loaded Lua library (PUC Lua and LuaJIT may both be loaded); written once, under the lock. */
static struct api libraries[MAX_LIBRARIES];
static int library_count;
static pthread_mutex_t library_lock = PTHREAD_MUTEX_INITIALIZER;

struct guard {
    struct shared shared; /* first: Java's view starts at the guard's address */
    const struct api *api;
    lua_Hook hook;
    lua_Alloc alloc;
    void *alloc_ud;
    uintptr_t stack_limit; /* below this address the native stack is nearly used up */
    int hook_count;
    int collect_pending; /* an allocation was refused: the hook collects at its next turn */
};

static void *guard_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
    struct guard *g = ud;
    if (ptr == NULL) {
        osize = 0; /* Lua 5.1 and LuaJIT pass 0 here; be sure */
    }
    int64_t limit = g->shared.limit;
    if (nsize > osize && g->shared.enforce && limit > 0) {
        int64_t allowed = g->collect_pending ? limit + limit / HEADROOM_SHARE : limit;
        if (g->shared.used + (int64_t) (nsize - osize) > allowed) {
            g->shared.refused++;
            g->collect_pending = 1;
            return NULL;
        }
    }
    void *block = g->alloc(g->alloc_ud, ptr, osize, nsize);
    if (block != NULL || nsize == 0) {
        g->shared.used += (int64_t) nsize - (int64_t) osize;
    }
    return block;
}

/* Raises `text` with the position of the running function, as error() does; not inside our trusted runtime, whose
 * helpers Java calls expecting them to succeed (they are short: the next hook call raises instead). */
static void raise_error(struct guard *g, lua_State *L, lua_Debug *ar, const char *text, size_t length) {
    if (!g->api->getinfo(L, "Sl", ar)) {
        return;
    }
    if (ar->source != NULL && strcmp(ar->source, TRUSTED_SOURCE) == 0) {
        return;
    }
    char message[MESSAGE_CAPACITY + LUA_IDSIZE + 32];
    int n = ar->currentline > 0
            ? snprintf(message, sizeof message, "%s:%d: %.*s", ar->short_src, ar->currentline, (int) length, text)
            : snprintf(message, sizeof message, "%.*s", (int) length, text);
    if (n < 0) {
        return;
    }
    g->api->pushlstring(L, message, (size_t) n < sizeof message ? (size_t) n : sizeof message - 1);
    g->api->error(L); /* does not return */
}

static void guard_hook(int library, lua_State *L, lua_Debug *ar) {
    const struct api *api = &libraries[library];
    void *ud;
    if (api->getallocf(L, &ud) != guard_alloc) {
        return;
    }
    struct guard *g = ud;
    char here;
    if ((uintptr_t) &here < g->stack_limit) {
        static const char overflow[] = "C stack overflow";
        raise_error(g, L, ar, overflow, sizeof overflow - 1);
        return;
    }
    if (g->collect_pending) {
        g->collect_pending = 0;
        api->gc(L, LUA_GCCOLLECT, 0);
    }
    int64_t target = g->shared.interrupt;
    if (target == 0 || target != g->shared.running) {
        if (api->gethookcount(L) != g->hook_count) {
            api->sethook(L, g->hook, LUA_MASKCOUNT, g->hook_count); /* back to normal after an interrupt */
        }
        return;
    }
    api->sethook(L, g->hook, LUA_MASKCOUNT, 1); /* again at the next instruction: no pcall keeps the call alive */
    int length = g->shared.message_length;
    raise_error(g, L, ar, g->shared.message, length < 0 || length > MESSAGE_CAPACITY ? 0 : (size_t) length);
}

/* A hook per library slot: a hook gets only the lua_State, and finds its guard through that library's getallocf. */
static void hook0(lua_State *L, lua_Debug *ar) { guard_hook(0, L, ar); }
static void hook1(lua_State *L, lua_Debug *ar) { guard_hook(1, L, ar); }
static void hook2(lua_State *L, lua_Debug *ar) { guard_hook(2, L, ar); }
static void hook3(lua_State *L, lua_Debug *ar) { guard_hook(3, L, ar); }
static const lua_Hook hooks[MAX_LIBRARIES] = {hook0, hook1, hook2, hook3};

/* The slot of the library whose functions are `functions` (registered on first use), or -1. */
static int library_slot(const jlong *functions) {
    pthread_mutex_lock(&library_lock);
    int slot = -1;
    for (int i = 0; i < library_count && slot < 0; i++) {
        if ((jlong) (intptr_t) libraries[i].getallocf == functions[0]) {
            slot = i;
        }
    }
    if (slot < 0 && library_count < MAX_LIBRARIES) {
        struct api *api = &libraries[library_count];
        api->getallocf = (lua_Alloc (*)(lua_State *, void **)) (intptr_t) functions[0];
        api->setallocf = (void (*)(lua_State *, lua_Alloc, void *)) (intptr_t) functions[1];
        api->sethook = (int (*)(lua_State *, lua_Hook, int, int)) (intptr_t) functions[2];
        api->gethookcount = (int (*)(lua_State *)) (intptr_t) functions[3];
        api->getinfo = (int (*)(lua_State *, const char *, lua_Debug *)) (intptr_t) functions[4];
        api->pushlstring = (void (*)(lua_State *, const char *, size_t)) (intptr_t) functions[5];
        api->error = (int (*)(lua_State *)) (intptr_t) functions[6];
        api->gc = (int (*)(lua_State *, int, int)) (intptr_t) functions[7];
        slot = library_count++;
    }
    pthread_mutex_unlock(&library_lock);
    return slot;
}

/* The low end of the calling thread's stack plus a quarter of its size, or 0 when unknown. */
static uintptr_t stack_limit_of_this_thread(void) {
    pthread_attr_t attr;
    void *low;
    size_t size;
    uintptr_t limit = 0;
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
        if (pthread_attr_getstack(&attr, &low, &size) == 0) {
            limit = (uintptr_t) low + size / 4;
        }
        pthread_attr_destroy(&attr);
    }
    return limit;
}

/*
 * Installs a guard on the state L, on the thread that will use it: our allocator over its own, and the count hook
 * when hookCount > 0. Returns the guard, or 0 when the library functions are missing or memory is short.
 */
JNIEXPORT jlong JNICALL Java_dev_c4j_engine_jnlua_GuardShim_install(
        JNIEnv *env, jclass cls, jlong state, jlongArray apiFunctions, jlong limit, jint hookCount) {
    (void) cls;
    jlong functions[8];
    if ((*env)->GetArrayLength(env, apiFunctions) != 8) {
        return 0;
    }
    (*env)->GetLongArrayRegion(env, apiFunctions, 0, 8, functions);
    for (int i = 0; i < 8; i++) {
        if (functions[i] == 0) {
            return 0;
        }
    }
    int slot = library_slot(functions);
    if (slot < 0) {
        return 0;
    }
    lua_State *L = (lua_State *) (intptr_t) state;
    const struct api *api = &libraries[slot];
    void *ud;
    if (api->getallocf(L, &ud) == guard_alloc) {
        return 0; /* already guarded */
    }
    struct guard *g = calloc(1, sizeof *g);
    if (g == NULL) {
        return 0;
    }
    g->api = api;
    g->hook = hooks[slot];
    g->alloc = api->getallocf(L, &g->alloc_ud);
    g->stack_limit = stack_limit_of_this_thread();
    g->hook_count = hookCount;
    g->shared.limit = limit;
    g->shared.used = (int64_t) api->gc(L, LUA_GCCOUNT, 0) * 1024 + api->gc(L, LUA_GCCOUNTB, 0);
    api->setallocf(L, guard_alloc, g);
    if (hookCount > 0) {
        api->sethook(L, g->hook, LUA_MASKCOUNT, hookCount);
    }
    return (jlong) (intptr_t) g;
}

/* Java's view of the shared part. */
JNIEXPORT jobject JNICALL Java_dev_c4j_engine_jnlua_GuardShim_shared(JNIEnv *env, jclass cls, jlong guard) {
    (void) cls;
    return (*env)->NewDirectByteBuffer(env, (void *) (intptr_t) guard, (jlong) sizeof(struct shared));
}

/* After lua_close, which still frees through our allocator. */
JNIEXPORT void JNICALL Java_dev_c4j_engine_jnlua_GuardShim_free(JNIEnv *env, jclass cls, jlong guard) {
    (void) env;
    (void) cls;
    free((void *) (intptr_t) guard);
}
