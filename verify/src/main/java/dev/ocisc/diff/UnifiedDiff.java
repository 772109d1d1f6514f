package dev.ocisc.diff;

import java.util.ArrayList;
import java.util.List;

/** A unified diff (3 lines of context) of two small texts, by longest common subsequence of lines. */
final class UnifiedDiff {
    /** Above this many line pairs the quadratic table is not worth it: the report shows sizes instead. */
    static final long MAX_CELLS = 4_000_000;

    private UnifiedDiff() {
    }

    /** One changed line pair (or a line only on one side) with the hunk it is in. */
    record Change(String removed, String added) {
    }

    record Result(String text, List<Change> changes) {
    }

    static Result diff(String path, String a, String b) {
        List<String> x = lines(a);
        List<String> y = lines(b);
        if ((long) x.size() * y.size() > MAX_CELLS) {
            return null;
        }
        int n = x.size();
        int m = y.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = x.get(i).equals(y.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        // ops: ' ' keep, '-' remove, '+' add; with line indices
        List<int[]> ops = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && x.get(i).equals(y.get(j))) {
                ops.add(new int[] {' ', i++, j++});
            } else if (j < m && (i == n || lcs[i][j + 1] > lcs[i + 1][j])) {
                ops.add(new int[] {'+', i, j++});
            } else {
                ops.add(new int[] {'-', i++, j});
            }
        }
        StringBuilder out = new StringBuilder("--- a/" + path + "\n+++ b/" + path + "\n");
        List<Change> changes = new ArrayList<>();
        int k = 0;
        while (k < ops.size()) {
            if (ops.get(k)[0] == ' ') {
                k++;
                continue;
            }
            int start = Math.max(0, k - 3);
            int end = k;
            // extend the hunk while changes are within 6 lines of each other
            int lastChange = k;
            while (end < ops.size() && end - lastChange <= 6) {
                if (ops.get(end)[0] != ' ') {
                    lastChange = end;
                }
                end++;
            }
            end = Math.min(ops.size(), lastChange + 4);
            int aStart = ops.get(start)[1];
            int bStart = ops.get(start)[2];
            int aLen = 0;
            int bLen = 0;
            StringBuilder body = new StringBuilder();
            List<String> rem = new ArrayList<>();
            List<String> add = new ArrayList<>();
            for (int q = start; q < end; q++) {
                int[] op = ops.get(q);
                if (op[0] == ' ') {
                    flush(rem, add, changes);
                    body.append(' ').append(x.get(op[1])).append('\n');
                    aLen++;
                    bLen++;
                } else if (op[0] == '-') {
                    body.append('-').append(x.get(op[1])).append('\n');
                    rem.add(x.get(op[1]));
                    aLen++;
                } else {
                    body.append('+').append(y.get(op[2])).append('\n');
                    add.add(y.get(op[2]));
                    bLen++;
                }
            }
            flush(rem, add, changes);
            out.append("@@ -").append(aLen == 0 ? aStart : aStart + 1).append(',').append(aLen)
                    .append(" +").append(bLen == 0 ? bStart : bStart + 1).append(',').append(bLen).append(" @@\n")
                    .append(body);
            k = end;
        }
        return new Result(out.toString(), changes);
    }

    private static void flush(List<String> rem, List<String> add, List<Change> changes) {
        int n = Math.max(rem.size(), add.size());
        for (int i = 0; i < n; i++) {
            changes.add(new Change(i < rem.size() ? rem.get(i) : "", i < add.size() ? add.get(i) : ""));
        }
        rem.clear();
        add.clear();
    }

    private static List<String> lines(String s) {
        List<String> out = new ArrayList<>(List.of(s.split("\n", -1)));
        if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }
}
