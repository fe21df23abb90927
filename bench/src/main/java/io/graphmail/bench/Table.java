package io.graphmail.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

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

    /** A closing row: {@code label} first, then the given cells under their headers, the other columns left blank. */
    Table summary(String label, Map<String, String> cellsByHeader) {
        List<String> headers = Arrays.asList(rows.get(0));
        String[] row = new String[headers.size()];
        Arrays.fill(row, "");
        row[0] = label;
        cellsByHeader.forEach((header, cell) -> {
            int column = headers.indexOf(header);
            if (column < 1) {
                throw new IllegalArgumentException("no column " + header + " after the first in " + title);
            }
            row[column] = cell;
        });
        rows.add(row);
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

    /** The middle value of an odd number of runs (the upper middle of an even number). */
    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
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
