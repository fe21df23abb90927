package io.graphmail.worker.sync;

/** What writing some pages changed in the {@code messages} collection. */
record PageCounts(int added, int updated, int removed) {

    static final PageCounts NONE = new PageCounts(0, 0, 0);

    PageCounts plus(PageCounts other) {
        return new PageCounts(added + other.added, updated + other.updated, removed + other.removed);
    }
}
