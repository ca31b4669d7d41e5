package io.nififusion.processors.common;

import org.apache.nifi.components.ValidationContext;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.components.Validator;

import java.util.function.Consumer;

/** Accepts a value that its parser accepts; otherwise the parser's message (which names the bad entry) is the explanation. */
public final class ParsingValidator implements Validator {
    private final Consumer<String> parser;

    /** @param parser parses the value, throwing {@link IllegalArgumentException} with the explanation when it is not valid */
    public ParsingValidator(final Consumer<String> parser) {
        this.parser = parser;
    }

    @Override
    public ValidationResult validate(final String subject, final String input, final ValidationContext context) {
        try {
            parser.accept(input);
            return new ValidationResult.Builder().subject(subject).input(input).valid(true).build();
        } catch (final IllegalArgumentException e) {
            return new ValidationResult.Builder().subject(subject).input(input).valid(false).explanation(e.getMessage()).build();
        }
    }
}
