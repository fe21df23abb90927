package io.graphmail.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A titled table of figures, printed with aligned columns. */
final class Table {

    private final String title;
    private final List<String[]> rows = new ArrayList<>();

    Table(String title, String... headers) {
        this.title = title;
        rows.add(headers);
    }

    Table row(Object... cells) {
        rows.add(Arrays.stream(cells).map(String::valueOf).toArray(String[]::new));
        return this;
    }

    void print() {
        int[] widths = new int[rows.get(0).length];
        rows.forEach(row -> {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        });
        System.out.println();
        System.out.println("== " + title);
        for (int r = 0; r < rows.size(); r++) {
            var line = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                String format = i == 0 ? "%-" + widths[i] + "s" : "  %" + widths[i] + "s";
                line.append(format.formatted(rows.get(r)[i]));
            }
            System.out.println(line);
            if (r == 0) {
                System.out.println("-".repeat(line.length()));
            }
        }
    }

    static String rate(double perSecond) {
        return "%,.0f".formatted(perSecond);
    }

    static String ratio(double ratio) {
        return "%.2f".formatted(ratio);
    }

    static String seconds(long nanos) {
        return "%.2f".formatted(nanos / 1e9);
    }

    static double perSecond(long count, long nanos) {
        return count / (nanos / 1e9);
    }

    static String verdict(boolean met) {
        return met ? "met" : "NOT met";
    }
}
