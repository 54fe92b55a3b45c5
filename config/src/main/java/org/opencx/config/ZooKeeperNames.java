package org.opencx.config;

/** What ZooKeeper accepts as a connection string, a path and a path element (a service name). */
final class ZooKeeperNames {
    private ZooKeeperNames() {
    }

    /** {@code host[:port][,host[:port]...][/chroot]}, each port 1 to 65535. */
    static boolean connectionString(String s) {
        String hosts = s.trim();
        int slash = hosts.indexOf('/');
        if (slash >= 0) {
            if (!path(hosts.substring(slash))) {
                return false;
            }
            hosts = hosts.substring(0, slash);
        }
        if (hosts.isEmpty()) {
            return false;
        }
        for (String entry : hosts.split(",", -1)) {
            if (!hostAndPort(entry.trim())) {
                return false;
            }
        }
        return true;
    }

    private static boolean hostAndPort(String entry) {
        int colon = entry.lastIndexOf(':');
        boolean bracketed = entry.startsWith("[");
        if (colon < 0 || (bracketed && colon < entry.indexOf(']'))) {
            return !entry.isEmpty() && entry.chars().noneMatch(Character::isWhitespace);
        }
        String host = entry.substring(0, colon);
        String port = entry.substring(colon + 1);
        if (host.isEmpty() || host.chars().anyMatch(Character::isWhitespace) || port.isEmpty() || port.length() > 5
                || !port.chars().allMatch(Character::isDigit)) {
            return false;
        }
        int p = Integer.parseInt(port);
        return p >= 1 && p <= 65_535;
    }

    /** An absolute path, no empty element, no trailing slash: {@code /services}, {@code /twx1/services}. */
    static boolean path(String s) {
        if (!s.startsWith("/") || s.length() < 2 || s.endsWith("/")) {
            return false;
        }
        for (String element : s.substring(1).split("/", -1)) {
            if (!element(element)) {
                return false;
            }
        }
        return true;
    }

    /** One path element: not empty, not {@code .} or {@code ..}, no slash, no control character. */
    static boolean element(String s) {
        return !s.isEmpty() && !s.equals(".") && !s.equals("..") && s.indexOf('/') < 0
                && s.chars().noneMatch(Character::isISOControl);
    }
}
