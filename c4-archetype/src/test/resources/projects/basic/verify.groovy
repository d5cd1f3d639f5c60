// After `mvn verify` passed on the generated project: its tests really ran, on every engine, reported by name.
def projectDir = context.projectDir // the generated project
def report = new File(projectDir, 'target/surefire-reports/TEST-com.example.it.hello.DriverTest.xml')
assert report.isFile() : "no Surefire report ${report}"
def xml = report.text

def suite = (xml =~ /<testsuite [^>]*/)[0]
assert suite.contains('tests="12"') && suite.contains('failures="0"') && suite.contains('errors="0"') &&
        suite.contains('skipped="0"') : "expected 4 tests on 3 engines, all passed: ${suite}"
['luaj', 'jnlua', 'luajit'].each { engine ->
    def cases = xml.findAll(/<testcase name="[^"]*\(String\) ${engine}"/)
    assert cases.size() == 4 : "expected 4 test cases named for ${engine}, found ${cases}"
}
println "generated project: 4 tests passed on each of luaj, jnlua, luajit"
