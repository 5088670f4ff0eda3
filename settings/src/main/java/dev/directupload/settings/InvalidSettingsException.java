package dev.directupload.settings;

import java.util.Comparator;
import java.util.List;

/**
 * The configuration breaks rules: the start is refused. Its message is the one block a person reads (every broken
 * rule with the setting, its value, the rule and the environment variable to set); the application prints it
 * without a stack trace and exits with status 1.
 */
public final class InvalidSettingsException extends RuntimeException {

    private final transient List<Problem> problems;

    public InvalidSettingsException(List<Problem> problems) {
        this(problems, null);
    }

    public InvalidSettingsException(List<Problem> problems, Throwable cause) {
        super(render(problems), cause);
        this.problems = problems.stream()
                .sorted(Comparator.comparing(Problem::property))
                .toList();
    }

    /** The broken rules, by property name. */
    public List<Problem> problems() {
        return problems;
    }

    /** This exception when it is {@code thrown} or one of its causes, else {@code null}. */
    public static InvalidSettingsException findIn(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InvalidSettingsException invalid) {
                return invalid;
            }
        }
        return null;
    }

    private static String render(List<Problem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("no problems to report");
        }
        StringBuilder block = new StringBuilder("Invalid configuration, the service did not start. Fix ")
                .append(problems.size() == 1 ? "this setting:" : "these " + problems.size() + " settings:");
        problems.stream()
                .sorted(Comparator.comparing(Problem::property))
                .forEach(problem -> block.append("\n  ")
                        .append(problem.property())
                        .append(problem.value() == null ? ": missing" : " = " + problem.value())
                        .append("\n      rule: ")
                        .append(problem.rule())
                        .append("\n      set:  environment variable ")
                        .append(problem.environmentVariable()));
        return block.append("\nEvery setting can also go in application.yml or be passed as -D<name>=<value>;")
                .append(" the README's \"Configuration\" table lists them all.")
                .toString();
    }
}
