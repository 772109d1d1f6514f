package dev.ocisc.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Defaults from {@code OCISC_*} environment variables for the options a CI job sets once for every step: an option
 * given on the command line wins. The table is the one list; each option's help names its variable, and a test
 * holds the two together. The environment is a map, so tests pass one without changing the JVM's.
 */
final class EnvDefaults implements CommandLine.IDefaultValueProvider {
    /** Option (its long name) to the variable that gives its default; list options split the value on commas. */
    static final Map<String, String> VARIABLES = table();

    private final Map<String, String> env;

    EnvDefaults(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    private static Map<String, String> table() {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("--key", "OCISC_KEY");
        t.put("--policy", "OCISC_POLICY");
        t.put("--exit-code", "OCISC_EXIT_CODE");
        t.put("--authfile", "OCISC_AUTHFILE");
        t.put("--insecure-registry", "OCISC_INSECURE_REGISTRY");
        t.put("--cacert", "OCISC_CACERT");
        t.put("--platform", "OCISC_PLATFORM");
        t.put("--store", "OCISC_STORE");
        return Map.copyOf(t);
    }

    /**
     * {@code "VARIABLE: "} when the value {@code failed} refuses came from an {@code OCISC_*} variable (its option
     * is not on the command line {@code args}), else empty.
     */
    String origin(CommandLine.ParameterException failed, String[] args) {
        if (!(failed.getArgSpec() instanceof OptionSpec o) || defaultValue(o) == null) {
            return "";
        }
        for (String a : args) {
            for (String name : o.names()) {
                if (a.equals(name) || a.startsWith(name + "=")) {
                    return "";
                }
            }
        }
        return VARIABLES.get(o.longestName()) + ": ";
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (arg instanceof OptionSpec o) {
            String var = VARIABLES.get(o.longestName());
            String v = var == null ? null : env.get(var);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
