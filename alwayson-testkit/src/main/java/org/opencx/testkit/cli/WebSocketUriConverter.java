package org.opencx.testkit.cli;

import java.net.URI;
import java.net.URISyntaxException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** An option's {@code ws://host:port/path} or {@code wss://...} URI; anything else is a usage error. */
public final class WebSocketUriConverter implements ITypeConverter<URI> {

    @Override
    public URI convert(String value) {
        try {
            URI u = new URI(value);
            if (("ws".equals(u.getScheme()) || "wss".equals(u.getScheme())) && u.getHost() != null) {
                return u;
            }
        } catch (URISyntaxException e) {
            // said below
        }
        throw new TypeConversionException("'" + value + "' is not a ws:// or wss:// URI with a host");
    }
}
