package io.nififusion.processors.torture;

/** What one workload step does to the source, with its weight in the seeded mix. */
enum WorkloadOperation {
    CREATE(13),
    CREATE_EMPTY(2),
    CREATE_MULTI_BLOCK(2),
    MKDIR(4),
    APPEND(8),
    OVERWRITE(6),
    TRUNCATE(4),
    RENAME_FILE(6),
    RENAME_DIRECTORY(3),
    RENAME_INTO_ROOTS(4),
    RENAME_OUT_OF_ROOTS(4),
    DELETE_FILE(5),
    DELETE_TREE(2),
    CHMOD(4),
    CHOWN(2),
    SETFACL(2),
    /** mv log.2 log.3; mv log.1 log.2; mv log log.1; create log */
    LOG_ROTATION(5),
    /** mv a a.swap; mv b a; mv a.swap b, for files or directories */
    SWAP(3),
    /** mv f g; create f */
    RENAME_THEN_RECREATE_FILE(3),
    /** mv d e; mkdir d; put d/(old child names) */
    RENAME_THEN_RECREATE_DIRECTORY(2),
    /** rm -r d; mkdir d; put d/g */
    DELETE_THEN_RECREATE(3),
    /** rm f; mkdir f; put f/child */
    FILE_TO_DIRECTORY(2),
    /** rm -r d; put d */
    DIRECTORY_TO_FILE(2),
    /** put x._COPYING_; mv -f x._COPYING_ x */
    PUT_WITH_COPYING_NAME(4),
    /** write d/_temporary/attempt/part-*; mv to d/part-*; rm -r d/_temporary; put d/_SUCCESS */
    JOB_COMMIT(3),
    OPEN_WRITER(2),
    WRITE_TO_OPEN_WRITER(4),
    CLOSE_WRITER(2),
    /** many small files at once */
    BACKLOG(1);

    private final int weight;

    WorkloadOperation(final int weight) {
        this.weight = weight;
    }

    int weight() {
        return weight;
    }

    static int totalWeight() {
        int total = 0;
        for (final WorkloadOperation operation : values()) {
            total += operation.weight;
        }
        return total;
    }

    /** The operation a uniform draw in [0, totalWeight) falls on. */
    static WorkloadOperation at(final int draw) {
        int remaining = draw;
        for (final WorkloadOperation operation : values()) {
            if (remaining < operation.weight) {
                return operation;
            }
            remaining -= operation.weight;
        }
        throw new IllegalArgumentException("Draw " + draw + " is not below the total weight " + totalWeight());
    }
}
