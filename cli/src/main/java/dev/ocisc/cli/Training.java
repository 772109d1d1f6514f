package dev.ocisc.cli;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs several ocisc commands in one JVM, for the launcher's class-data-sharing archive and, on JDK 25, its
 * ahead-of-time cache: both are made from what one training run loads, so one run should use every command.
 * Commands are separated by a lone {@code :::}; their output is discarded and a failing one does not stop the rest.
 */
public final class Training {
    static final String SEPARATOR = ":::";

    private Training() {
    }

    public static void main(String[] args) {
        PrintWriter none = new PrintWriter(OutputStream.nullOutputStream());
        for (List<String> command : commands(args)) {
            Main.run(command.toArray(String[]::new), none, none);
        }
    }

    static List<List<String>> commands(String[] args) {
        List<List<String>> out = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String a : Arrays.asList(args)) {
            if (a.equals(SEPARATOR)) {
                if (!current.isEmpty()) {
                    out.add(List.copyOf(current));
                }
                current.clear();
            } else {
                current.add(a);
            }
        }
        if (!current.isEmpty()) {
            out.add(List.copyOf(current));
        }
        return out;
    }
}
