package dev.c4j.testkit.host;

import dev.c4j.api.host.EntryResult;
import dev.c4j.testkit.AllEngines;
import dev.c4j.testkit.TestDriver;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code require} and {@code package} (host spec §1.5, Q1-Q7). */
class HostRequireTest {

    @TempDir
    Path dir;

    private static TestDriver start(String engine, Path driverPackage) {
        return TestDriver.builder().engine(engine).virtualTime().driverPackage(driverPackage).start();
    }

    private static TestPackage withModules(String lua) {
        return TestPackage.named("modular").lua(lua)
                .file("lib/util.lua", "print('loading util', ...)\nreturn { name = 'util' }\n")
                .file("a/b/c.lua", "return 'deep ' .. ...\n");
    }

    private static final String REQUIRES = """
            local util = require 'lib.util'
            local again = require('lib.util')
            print(util.name, util == again, package.loaded['lib.util'] == util)
            print(require 'a.b.c')
            """;

    @AllEngines
    void modulesInSubfoldersOfAFolderLoadOnce(String engine) {
        try (TestDriver driver = start(engine, withModules(REQUIRES).folder(dir))) {
            assertThat(driver.outputLines()).containsExactly("loading util\tlib.util", "util\ttrue\ttrue",
                    "deep a.b.c");
            driver.assertNoErrors();
        }
    }

    @AllEngines
    void modulesInSubfoldersOfAC4zLoadOnce(String engine) {
        try (TestDriver driver = start(engine, withModules(REQUIRES).c4z(dir))) {
            assertThat(driver.outputLines()).containsExactly("loading util\tlib.util", "util\ttrue\ttrue",
                    "deep a.b.c");
            driver.assertNoErrors();
        }
    }

    @AllEngines
    void aModuleRunsInTheDriversGlobalsAndReturningNothingGivesTrue(String engine) {
        Path folder = TestPackage.named("globals").lua("""
                local result = require 'setter'
                print(result, shared, package.loaded.setter)
                """).file("setter.lua", "shared = 'set by the module'\n").folder(dir);
        try (TestDriver driver = start(engine, folder)) {
            assertThat(driver.outputLines()).containsExactly("true\tset by the module\ttrue");
        }
    }

    @AllEngines
    void preloadComesBeforeFilesAndItsLoaderGetsTheName(String engine) {
        Path folder = TestPackage.named("preloading").lua("""
                package.preload['x'] = function(name) return 'preloaded ' .. name end
                print(require 'x')
                package.loaded['y'] = 'already there'
                print(require 'y')
                """).file("x.lua", "return 'from the file'").file("y.lua", "return 'from the file'").folder(dir);
        try (TestDriver driver = start(engine, folder)) {
            assertThat(driver.outputLines()).containsExactly("preloaded x", "already there");
        }
    }

    @AllEngines
    void aSquishBundleRunsAsABareLuaFile(String engine) {
        Path bundle = TestPackage.named("bundle").lua("""
                package.preload["util"] = function(...)
                  local M = {}
                  function M.twice(n) return 2 * n end
                  return M
                end
                package.preload["app.main"] = function(...)
                  local util = require "util"
                  return { run = function() print(util.twice(21)) end }
                end
                require("app.main").run()
                """).bareLua(dir);
        try (TestDriver driver = start(engine, bundle)) {
            assertThat(driver.outputLines()).containsExactly("42");
            driver.assertNoErrors();
        }
    }

    @AllEngines
    void theStandardLibrariesBitAndPackageAreAlreadyLoaded(String engine) {
        Path folder = TestPackage.named("libs").lua("""
                print(require 'bit' == bit, require 'string' == string, require 'table' == table,
                      require 'math' == math, require 'os' == os, require 'coroutine' == coroutine,
                      require 'package' == package, package.loaded._G == _G)
                print(package.cpath == '', #package.loaders, type(package.preload))
                """).folder(dir);
        try (TestDriver driver = start(engine, folder)) {
            assertThat(driver.outputLines()).containsExactly("true\ttrue\ttrue\ttrue\ttrue\ttrue\ttrue\ttrue",
                    "true\t2\ttable");
        }
    }

    @AllEngines
    void aMissingModuleListsThePlacesTried(String engine) {
        Path folder = TestPackage.named("missing").lua("""
                print(select(2, pcall(require, 'no.such')))
                print(select(2, pcall(require, 'lpeg'))) -- native modules do not exist (Q7)
                """).folder(dir);
        try (TestDriver driver = start(engine, folder)) {
            assertThat(driver.outputLines()).containsExactly(
                    "module 'no.such' not found:\n\tno field package.preload['no.such']\n\tno file 'no/such.lua'",
                    "module 'lpeg' not found:\n\tno field package.preload['lpeg']\n\tno file 'lpeg.lua'");
        }
    }

    @AllEngines
    void requiringAModuleWhileItLoadsIsTheLoopError(String engine) {
        Path folder = TestPackage.named("loop").lua("""
                print(select(2, pcall(require, 'a')))
                print(select(2, pcall(require, 'a'))) -- a failed: 5.1 keeps saying so
                """).file("a.lua", "require 'b'\nreturn {}\n").file("b.lua", "require 'a'\n").folder(dir);
        try (TestDriver driver = start(engine, folder)) {
            assertThat(driver.outputLines()).containsExactly("b.lua:1: loop or previous error loading module 'a'",
                    "loop or previous error loading module 'a'");
        }
    }

    @AllEngines
    void errorsInModulesNameTheModuleFile(String engine) {
        Path folder = TestPackage.named("failing").lua("""
                local helper = require 'lib.helper'
                function ExecuteCommand(cmd, params) helper.fail() end
                print(select(2, pcall(require, 'lib.syntax')))
                require 'lib.broken'
                """)
                .file("lib/helper.lua", "local M = {}\nfunction M.fail() error('helper failed') end\nreturn M\n")
                .file("lib/syntax.lua", "return {\n")
                .file("lib/broken.lua", "\nerror('cannot load')\n")
                .folder(dir);
        try (TestDriver driver = start(engine, folder)) {
            assertThat(driver.outputLines()).singleElement().asString()
                    .startsWith("error loading module 'lib.syntax' from file 'lib/syntax.lua':\n\tlib/syntax.lua:");
            assertThat(driver.messages()).singleElement().asString()
                    .startsWith("lib/broken.lua:2: cannot load\nstack traceback:").contains("driver.lua:4");

            EntryResult failed = driver.command("Go");
            assertThat(failed.error()).startsWith("lib/helper.lua:2: helper failed\nstack traceback:")
                    .contains("driver.lua:2");
        }
    }

    @AllEngines
    void aC4iFindsOnlyPreloadedModules(String engine) {
        TestPackage.write(dir.resolve("helper.lua"), "print('must not load')");
        Path c4i = TestPackage.named("single").lua("""
                package.preload.p = function() return 'preloaded' end
                print(require 'p')
                print(select(2, pcall(require, 'helper')))
                """).c4i(dir);
        try (TestDriver driver = start(engine, c4i)) {
            assertThat(driver.outputLines()).containsExactly("preloaded", "module 'helper' not found:\n"
                    + "\tno field package.preload['helper']\n\tno file 'helper.lua' (this driver has no package files)");
        }
    }

    @AllEngines
    void namesThatLeaveThePackageAreRefused(String engine) {
        TestPackage.write(dir.resolve("secret.lua"), "print('leaked')\nreturn 'leaked'");
        String absolute = dir.resolve("secret").toString();
        Path folder = TestPackage.named("sandboxed").lua("""
                for _, name in ipairs { '../secret', '..secret', ABSOLUTE } do
                  local ok, message = pcall(require, name)
                  print(ok, message:match('%(outside the driver package%)'))
                end
                """.replace("ABSOLUTE", "'" + absolute + "'")).folder(dir);
        try (TestDriver driver = start(engine, folder)) {
            assertThat(driver.outputLines()).containsExactly("false\t(outside the driver package)",
                    "false\t(outside the driver package)", "false\t(outside the driver package)");
        }
    }
}
