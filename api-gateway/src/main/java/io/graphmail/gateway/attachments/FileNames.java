package io.graphmail.gateway.attachments;

/** File names as a recipient should see them: no directories, no control characters. */
final class FileNames {

    private FileNames() {}

    /** The name without any path a client put before it; {@code null} when nothing is left. */
    static String clean(String name) {
        if (name == null) {
            return null;
        }
        String last = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        String cleaned = last.replaceAll("\\p{Cntrl}", "_").strip();
        return cleaned.isEmpty() ? null : cleaned;
    }
}
