package org.opencx.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The configuration cannot be used. Carries every problem found, not only the first; the message
 * has a heading line, then one line per problem (see {@link ConfigProblem#line()}). Neither holds
 * a secret.
 */
public final class ConfigurationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<ConfigProblem> problems;

    public ConfigurationException(List<ConfigProblem> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String message(List<ConfigProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a configuration exception needs at least one problem");
        }
        String heading = problems.size() == 1 ? "1 configuration problem:" : problems.size() + " configuration problems:";
        return problems.stream().map(ConfigProblem::line).collect(Collectors.joining("\n", heading + "\n", ""));
    }
}
