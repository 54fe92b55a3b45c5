package org.opencx.testkit.cli;

import org.opencx.testkit.platform.BindPolicy;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --bind-policy first|last}: what a platform answers to a BIND of a thing another session
 * holds. {@code first}: the first binder keeps it (0x83 to the others); {@code last}: the latest
 * binder takes it over (spec 7.3's recommendation).
 */
public final class BindPolicyConverter implements ITypeConverter<BindPolicy> {

    @Override
    public BindPolicy convert(String value) {
        return switch (value) {
            case "first" -> BindPolicy.FIRST_IN_WINS;
            case "last" -> BindPolicy.LAST_IN_WINS;
            default -> throw new TypeConversionException("'" + value + "' is neither first nor last");
        };
    }
}
