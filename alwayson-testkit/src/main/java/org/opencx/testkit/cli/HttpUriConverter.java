package org.opencx.testkit.cli;

import java.net.URI;
import java.net.URISyntaxException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** An option's {@code http://host:port} or {@code https://...} URI; anything else is a usage error. */
public final class HttpUriConverter implements ITypeConverter<URI> {

    @Override
    public URI convert(String value) {
        try {
            URI u = new URI(value);
            if (("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null) {
                return u;
            }
        } catch (URISyntaxException e) {
            // said below
        }
        throw new TypeConversionException("'" + value + "' is not an http:// or https:// URI with a host");
    }
}
