package org.opencx.bench.codec;

import java.util.List;
import org.opencx.alwayson.vectors.Transcript;
import org.opencx.alwayson.vectors.Vectors;

/**
 * The captured C SDK messages the benchmarks run on, read with alwayson-vectors' transcript
 * reader from the class path (benchmarks.jar carries the captures).
 */
final class CapturedMessages {
    static final String SCENARIO = "01-basic";
    /** The label of the first property push in 01-basic: a 239-byte POST with a nested infotable. */
    static final String UPDATE_LABEL = "POST-rid4-Services-UpdateSubscribedPropertyValues";
    static final int UPDATE_LENGTH = 239;
    /** Its entity name, as the relay would look it up. */
    static final String UPDATE_THING = "SteamSensor1";

    private CapturedMessages() {
    }

    /** The 239-byte UpdateSubscribedPropertyValues request of 01-basic, a fresh copy per call. */
    static byte[] updateSubscribedPropertyValues() {
        Transcript t = Vectors.transcript(SCENARIO);
        List<Transcript.Entry> found = t.entries().stream().filter(e -> e.label().startsWith(UPDATE_LABEL)).toList();
        if (found.size() != 1 || found.get(0).bytes().length != UPDATE_LENGTH) {
            throw new IllegalStateException("expected one " + UPDATE_LENGTH + "-byte entry labelled " + UPDATE_LABEL
                    + "... in " + t.source() + ", found " + found);
        }
        return found.get(0).bytes().clone();
    }
}
