package dev.c4j.host.director;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A network binding (host spec §4.1): its id, class, address and ports. */
final class NetworkBinding {

    static final String TCP = "TCP";
    static final String UDP = "UDP";
    static final String SSL = "SSL";

    final int id;
    private String bindingClass;
    private String address;
    final Map<Integer, BindingPort> ports = new LinkedHashMap<>();

    NetworkBinding(int id, String bindingClass, String address) {
        this.id = id;
        this.bindingClass = classNamed(bindingClass);
        this.address = address;
    }

    /** {@code TCP}, {@code UDP} or {@code SSL}; other names, such as yeelight's {@code "Telnet"}, mean TCP (B38). */
    static String classNamed(String name) {
        String upper = name == null ? "" : name.trim().toUpperCase(Locale.ROOT);
        return upper.equals(UDP) || upper.equals(SSL) ? upper : TCP;
    }

    String bindingClass() {
        return bindingClass;
    }

    void setBindingClass(String name) {
        bindingClass = classNamed(name);
    }

    /** The address; {@code ""} when it has none. */
    String address() {
        return address;
    }

    void setAddress(String address) {
        this.address = address;
    }
}
