package org.opencx.testkit.platform;

import org.opencx.alwayson.InfoTable;

/**
 * A platform-side service that edges may invoke. Runs on the platform's handler threads, so it may
 * block briefly.
 */
@FunctionalInterface
public interface PlatformServiceHandler {
    /**
     * @return the result infotable, or {@code null} for a success without content
     * @throws PlatformRequestException to answer with its status and reason; any other exception
     *                                  answers 0xA0 INTERNAL_SERVER_ERROR
     */
    InfoTable invoke(ServiceCall call) throws Exception;
}
