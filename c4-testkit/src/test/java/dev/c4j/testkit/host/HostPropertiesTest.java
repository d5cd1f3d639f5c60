package dev.c4j.testkit.host;

import dev.c4j.api.host.DirectorCall;
import dev.c4j.testkit.AllEngines;
import dev.c4j.testkit.TestDriver;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static dev.c4j.testkit.DirectorAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code Properties}, {@code OnPropertyChanged} and the property calls (host spec §1.3, §2.2, §3.2). */
class HostPropertiesTest {

    private static final String PROPERTIES = """
            <properties>
              <property><name>Host</name><type>STRING</type><default>198.51.100.1</default></property>
              <property><name>Notes</name><type>STRING</type></property>
              <property><name>Heading</name><type>LABEL</type><default>Connection</default></property>
              <property><name>Mode</name><type>LIST</type><items><item>Auto</item><item>Manual</item></items>
                <default>Auto</default></property>
              <property><name>Level</name><type>RANGED_INTEGER</type><minimum>0</minimum><maximum>100</maximum>
                <default>50</default></property>
              <property><name>Gain</name><type>RANGED_FLOAT</type><minimum>-1.5</minimum><maximum>1.5</maximum>
                <default>0</default></property>
              <property><name>Status</name><type>STRING</type><readonly>true</readonly><default>Idle</default></property>
              <property><name>Source</name><type>DYNAMIC_LIST</type></property>
            </properties>
            """;

    /** Prints each property a user changes, with the value it finds in the table. */
    private static final String ON_PROPERTY_CHANGED = """
            function OnPropertyChanged(name) print('changed', name, Properties[name]) end
            """;

    @TempDir
    Path dir;

    private TestPackage driver(String lua) {
        return TestPackage.named("props").config(PROPERTIES).lua(lua);
    }

    private TestDriver start(String engine, String lua) {
        return driver(lua).start(engine, dir);
    }

    @AllEngines
    void everyDeclaredPropertyIsAStringFromItsDefaultOrEmpty(String engine) {
        try (TestDriver driver = start(engine, ON_PROPERTY_CHANGED + """
                local names = {}
                for name, value in pairs(Properties) do names[#names + 1] = name end
                table.sort(names)
                for _, name in ipairs(names) do print(name, type(Properties[name]), Properties[name]) end
                """)) {
            assertThat(driver.outputLines()).containsExactly("Gain\tstring\t0", "Heading\tstring\tConnection",
                    "Host\tstring\t198.51.100.1", "Level\tstring\t50", "Mode\tstring\tAuto", "Notes\tstring\t",
                    "Source\tstring\t", "Status\tstring\tIdle"); // and no OnPropertyChanged at startup (B9)
            driver.assertNoErrors();
        }
    }

    @AllEngines
    void atStartAnOverrideWinsOverTheStateWhichWinsOverTheDefault(String engine) {
        Path folder = driver("""
                print(Properties.Host, Properties.Level, Properties.Notes)
                Properties.Notes = 'a write of the driver stays local'
                function ExecuteCommand(cmd, params) C4:UpdateProperty('Host', params.HOST) end
                """).folder(dir);
        Path state = dir.resolve("state");
        try (TestDriver first = TestDriver.builder().engine(engine).driverPackage(folder).stateDirectory(state).start()) {
            first.command("SetHost", Map.of("HOST", "198.51.100.5"));
            assertThat(first.outputLines()).containsExactly("198.51.100.1\t50\t");
        }
        try (TestDriver second = TestDriver.builder().engine(engine).driverPackage(folder).stateDirectory(state)
                .start()) {
            assertThat(second.outputLines()).containsExactly("198.51.100.5\t50\t");
            second.setProperty("Level", "75"); // what the user sets is kept too
        }
        try (TestDriver third = TestDriver.builder().engine(engine).driverPackage(folder).stateDirectory(state)
                .property("Host", "override").start()) {
            assertThat(third.outputLines()).containsExactly("override\t75\t");
        }
    }

    @AllEngines
    void updatePropertyChangesTheTableAtOnceAndCallsNoHandler(String engine) {
        try (TestDriver driver = start(engine, ON_PROPERTY_CHANGED + """
                function ExecuteCommand()
                  C4:UpdateProperty('Status', 'Connected') -- read-only binds users, not the driver
                  print(Properties.Status)
                  C4:UpdateProperty('Level', 80)
                  print(Properties.Level, type(Properties.Level))
                  C4:UpdateProperty('Gain', 0.5)
                  print(Properties.Gain)
                  C4:UpdateProperty('Mode', 'Not an item') -- never validated
                  print(Properties.Mode)
                  C4:UpdateProperty('Nope', 'x')
                  print(Properties.Nope)
                end
                """)) {
            driver.command("Update");

            assertThat(driver.outputLines()).containsExactly("Connected", "80\tstring", "0.5", "Not an item", "nil");
            assertThat(driver).updatedProperty("Status", "Connected").updatedProperty("Level", "80")
                    .updatedProperty("Gain", "0.5").updatedProperty("Mode", "Not an item")
                    .neverCalled("OnPropertyChanged");
            assertThat(driver.messages()).singleElement().asString()
                    .isEqualTo("warning: UpdateProperty: no property 'Nope' in driver.xml; Properties left unchanged");
            DirectorCall unknown = driver.calls().stream().filter(c -> "Nope".equals(c.arg(0))).findFirst().orElseThrow();
            assertThat(unknown.notes()).singleElement().asString().startsWith("UpdateProperty: no property 'Nope'");
            assertThat(driver.control().info().properties()).containsEntry("Status", "Connected")
                    .doesNotContainKey("Nope");
        }
    }

    @AllEngines
    void numbersBecomeTextAsLuaWritesThem(String engine) {
        try (TestDriver driver = start(engine, """
                function ExecuteCommand()
                  for _, n in ipairs { 80, 0.5, 1e15, 1 / 3, -2 } do
                    C4:UpdateProperty('Notes', n)
                    print(Properties.Notes)
                  end
                end
                """)) {
            driver.command("Go");

            assertThat(driver.outputLines()).containsExactly("80", "0.5", "1e+15", "0.33333333333333", "-2");
        }
    }

    @AllEngines
    void callsDuringOnDriverInitWarnOncePerName(String engine) {
        try (TestDriver driver = start(engine, """
                C4:UpdateProperty('Status', 'Loading') -- the chunk is silent
                function OnDriverInit()
                  C4:UpdateProperty('Status', 'Starting')
                  C4:UpdateProperty('Status', 'Still starting')
                end
                function OnDriverLateInit() C4:UpdateProperty('Status', 'Ready') end
                """)) {
            assertThat(driver.messages()).containsExactly("warning: UpdateProperty called during OnDriverInit;"
                    + " DriverWorks advises to wait for OnDriverLateInit");
            assertThat(driver.control().info().properties()).containsEntry("Status", "Ready");
        }
    }

    @AllEngines
    void aPropertySetFromOutsideIsInTheTableWhenOnPropertyChangedRuns(String engine) {
        try (TestDriver driver = start(engine, ON_PROPERTY_CHANGED)) {
            driver.setProperty("Host", "198.51.100.9");
            driver.setProperty("Host", "198.51.100.9"); // Composer's Set button: the same value again calls again
            driver.setProperty("Mode", "Manual");

            assertThat(driver.outputLines()).containsExactly("changed\tHost\t198.51.100.9", "changed\tHost\t198.51.100.9",
                    "changed\tMode\tManual");
            assertThat(driver).called("OnPropertyChanged", "Host").called("OnPropertyChanged", "Mode");
            driver.assertNoErrors();
        }
    }

    @AllEngines
    void valuesFromOutsideAreValidatedUnlessForced(String engine) {
        try (TestDriver driver = start(engine, ON_PROPERTY_CHANGED)) {
            assertThatThrownBy(() -> driver.setProperty("Status", "Busy"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("read-only");
            assertThatThrownBy(() -> driver.setProperty("Mode", "Sometimes"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not one of [Auto, Manual]");
            for (String bad : new String[]{"101", "-1", "5.5", "many"}) {
                assertThatThrownBy(() -> driver.setProperty("Level", bad)).as(bad)
                        .isInstanceOf(IllegalArgumentException.class);
            }
            assertThatThrownBy(() -> driver.setProperty("Gain", "1.6")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> driver.setProperty("Undeclared", "x"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(driver.outputLines()).isEmpty();

            driver.setProperty("Level", "100");
            driver.setProperty("Gain", "-1.5");
            driver.forceProperty("Status", "Busy");
            driver.forceProperty("Level", "250");

            assertThat(driver.outputLines()).containsExactly("changed\tLevel\t100", "changed\tGain\t-1.5",
                    "changed\tStatus\tBusy", "changed\tLevel\t250");
        }
    }

    @AllEngines
    void setPropertyAttribsIsRecordedAndLeavesTheValue(String engine) {
        try (TestDriver driver = start(engine, """
                C4:SetPropertyAttribs('Host', 1)
                C4:SetPropertyAttribs('Host', 0)
                print(Properties.Host)
                """)) {
            assertThat(driver.outputLines()).containsExactly("198.51.100.1");
            assertThat(driver).called("SetPropertyAttribs", "Host", 1).called("SetPropertyAttribs", "Host", 0);
            driver.assertNoErrors();
        }
    }

    @AllEngines
    void updatePropertyListGivesTheItemsAndMaySetAValue(String engine) {
        try (TestDriver driver = start(engine, ON_PROPERTY_CHANGED + """
                function ExecuteCommand(cmd)
                  if cmd == 'Fill' then C4:UpdatePropertyList('Source', 'Radio,TV,Stream')
                  elseif cmd == 'Pick' then C4:UpdatePropertyList('Source', 'Radio,TV', 'TV')
                  else C4:UpdatePropertyList('Source', 'Radio,TV', 'Vinyl') end
                  print(cmd, Properties.Source)
                end
                """)) {
            driver.command("Fill");
            driver.setProperty("Source", "Stream");
            assertThatThrownBy(() -> driver.setProperty("Source", "Vinyl")).isInstanceOf(IllegalArgumentException.class);
            driver.command("Pick");
            assertThatThrownBy(() -> driver.setProperty("Source", "Stream"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(driver.messages()).isEmpty();
            driver.command("Odd");

            assertThat(driver.outputLines()).containsExactly("Fill\t", "changed\tSource\tStream", "Pick\tTV",
                    "Odd\tVinyl");
            assertThat(driver.messages()).singleElement().asString().contains("'Vinyl' is not among the items");
            assertThat(driver).called("UpdatePropertyList", "Source", "Radio,TV", "TV");
        }
    }
}
