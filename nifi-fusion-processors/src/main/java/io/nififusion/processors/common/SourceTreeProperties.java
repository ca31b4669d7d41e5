package io.nififusion.processors.common;

import io.nififusion.core.listing.ExclusionFilter;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.Validator;

/**
 * Descriptors that ListHDFSChanges and ReplicateToADLS share, so both judge the source tree by the same rules: what
 * the listing leaves out, a reconcile neither copies nor deletes.
 */
public final class SourceTreeProperties {

    public static final Validator EXCLUSIONS_VALIDATOR = new ParsingValidator(ExclusionFilter::parse);

    public static final PropertyDescriptor EXCLUSIONS = new PropertyDescriptor.Builder()
            .name("Exclusions")
            .description("Comma-separated patterns of paths to leave out, with everything below them. A plain entry is a glob matched against each "
                    + "name of a path (*, ?, [abc], [!abc]); an entry starting with regex: is a Java regular expression matched against the whole "
                    + "absolute path. The default leaves out trash, job scratch space, snapshots and the temporary files of common writers. "
                    + "ListHDFSChanges and ReplicateToADLS must have the same value: a reconcile neither copies nor deletes what is excluded.")
            .required(false)
            .defaultValue(ExclusionFilter.DEFAULT_EXCLUSIONS)
            .addValidator(EXCLUSIONS_VALIDATOR)
            .build();

    private SourceTreeProperties() {
    }
}
