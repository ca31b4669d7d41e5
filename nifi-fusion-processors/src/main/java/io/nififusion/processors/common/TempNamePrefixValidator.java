package io.nififusion.processors.common;

import org.apache.nifi.components.ValidationContext;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.components.Validator;

/**
 * Accepts the prefix of a temp file written next to its final file: a leading '_' or '.' hides it from Hive, Spark and
 * MapReduce, and no '/' keeps it in the final file's directory.
 */
public final class TempNamePrefixValidator implements Validator {
    public static final TempNamePrefixValidator INSTANCE = new TempNamePrefixValidator();

    private TempNamePrefixValidator() {
    }

    @Override
    public ValidationResult validate(final String subject, final String input, final ValidationContext context) {
        return new ValidationResult.Builder().subject(subject).input(input)
                .valid(input != null && (input.startsWith("_") || input.startsWith(".")) && !input.contains("/"))
                .explanation("must start with '_' or '.' and contain no '/'")
                .build();
    }
}
