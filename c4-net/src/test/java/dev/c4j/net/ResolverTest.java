package dev.c4j.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.c4j.api.DriverClock;
import dev.c4j.api.DriverEnvironment;
import dev.c4j.api.Endpoint;
import dev.c4j.api.NetError;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResolverTest {

    @Test
    void numericServicesArePorts() {
        assertThat(Resolver.numericPort("0")).isZero();
        assertThat(Resolver.numericPort("8080")).isEqualTo(8080);
        assertThat(Resolver.numericPort("065535")).isEqualTo(65535);
        assertThat(Resolver.numericPort("+80")).isEqualTo(80);
        assertThat(Resolver.numericPort("65536")).isEqualTo(Resolver.INVALID);
        assertThat(Resolver.numericPort("-1")).isEqualTo(Resolver.INVALID);
        assertThat(Resolver.numericPort("99999999999999")).isEqualTo(Resolver.INVALID);
        assertThat(Resolver.numericPort("http")).isEqualTo(Resolver.NAMED);
        assertThat(Resolver.numericPort("")).isEqualTo(Resolver.NAMED);
        assertThat(Resolver.numericPort("80.5")).isEqualTo(Resolver.NAMED);
    }

    @Test
    void servicesFileWithAliasesAndTcpOnly(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("services");
        Files.writeString(file, """
                # comment
                http		80/tcp		www		# WorldWideWeb HTTP
                syslog		514/udp
                shell		514/tcp		cmd		# no passwords used
                """);
        Services services = new Services(file);
        assertThat(services.port("http")).isEqualTo(80);
        assertThat(services.port("www")).isEqualTo(80);
        assertThat(services.port("cmd")).isEqualTo(514);
        assertThat(services.port("syslog")).isEqualTo(-1);
        assertThat(services.port("telnet")).isEqualTo(-1);
    }

    @Test
    void builtInTableWithoutTheFile(@TempDir Path dir) {
        Services services = new Services(dir.resolve("absent"));
        assertThat(services.port("http")).isEqualTo(80);
        assertThat(services.port("https")).isEqualTo(443);
        assertThat(services.port("telnet")).isEqualTo(23);
        assertThat(services.port("ftp")).isEqualTo(21);
        assertThat(services.port("ssh")).isEqualTo(22);
        assertThat(services.port("smtp")).isEqualTo(25);
        assertThat(services.port("gopher")).isEqualTo(-1);
    }

    @Test
    void specialNamesAndLiteralsNeedNoLookup() {
        Resolver withV6 = new Resolver(new Services(), true);
        Resolver v4Only = new Resolver(new Services(), false);
        try {
            assertThat(withV6.fixedAddresses("*")).extracting(InetAddress::getHostAddress)
                    .containsExactly("0.0.0.0", "0:0:0:0:0:0:0:0");
            assertThat(withV6.fixedAddresses("!any")).hasSize(2);
            assertThat(withV6.fixedAddresses("!all")).hasSize(2);
            assertThat(withV6.fixedAddresses("!loopback")).extracting(InetAddress::getHostAddress)
                    .containsExactly("127.0.0.1", "0:0:0:0:0:0:0:1");
            assertThat(v4Only.fixedAddresses("!local")).extracting(InetAddress::getHostAddress)
                    .containsExactly("127.0.0.1");
            assertThat(v4Only.fixedAddresses("*")).extracting(InetAddress::getHostAddress)
                    .containsExactly("0.0.0.0");
            assertThat(v4Only.fixedAddresses("127.1.2.3")).extracting(InetAddress::getHostAddress)
                    .containsExactly("127.1.2.3"); // an IP literal is its own endpoint (nothing is contacted)
            assertThat(v4Only.fixedAddresses("[::1]")).extracting(InetAddress::getHostAddress)
                    .containsExactly("0:0:0:0:0:0:0:1");
            assertThat(v4Only.fixedAddresses("localhost")).isNull();
        } finally {
            withV6.shutdown();
            v4Only.shutdown();
        }
    }

    @Test
    void endpointsUseShortIpv6Forms() {
        assertThat(Resolver.endpoint(new InetSocketAddress("::1", 80))).isEqualTo(new Endpoint("::1", 80));
        assertThat(Resolver.endpoint(new InetSocketAddress("127.0.0.1", 0))).isEqualTo(new Endpoint("127.0.0.1", 0));
    }

    @Test
    void namesAreLookedUpOffTheLoopAndAnsweredOnIt() {
        NettyPlatform platform = new NettyPlatform();
        try {
            DriverEnvironment environment = platform.open("resolve", DriverClock.system());
            Resolver resolver = new Resolver(new Services(), false);
            CompletableFuture<List<InetSocketAddress>> found = new CompletableFuture<>();
            CompletableFuture<NetError> failed = new CompletableFuture<>();
            resolver.resolve(environment.loop(), "localhost", "ssh", Resolver.NAMED, callback(environment, found, failed));
            assertThat(found.orTimeout(5, TimeUnit.SECONDS).join())
                    .allSatisfy(address -> assertThat(address.getPort()).isEqualTo(22))
                    .anySatisfy(address -> assertThat(address.getAddress().isLoopbackAddress()).isTrue());
            CompletableFuture<List<InetSocketAddress>> none = new CompletableFuture<>();
            CompletableFuture<NetError> error = new CompletableFuture<>();
            resolver.resolve(environment.loop(), "", "80", 80, callback(environment, none, error));
            assertThat(error.orTimeout(5, TimeUnit.SECONDS).join().code()).isEqualTo(NetError.HOST_NOT_FOUND);
            resolver.shutdown();
        } finally {
            platform.close();
        }
    }

    private static Resolver.Callback callback(DriverEnvironment environment,
                                              CompletableFuture<List<InetSocketAddress>> found,
                                              CompletableFuture<NetError> failed) {
        return new Resolver.Callback() {
            @Override
            public void resolved(List<InetSocketAddress> addresses) {
                assertThat(environment.loop().inLoop()).isTrue();
                found.complete(addresses);
            }

            @Override
            public void failed(NetError error) {
                assertThat(environment.loop().inLoop()).isTrue();
                failed.complete(error);
            }
        };
    }
}
