package io.nififusion.core.path;

/** A source path whose mapped target path ADLS Gen2 cannot hold as it is; the message names the rule it breaks. */
public final class UnsupportedTargetPathException extends IllegalArgumentException {
    public UnsupportedTargetPathException(final String message) {
        super(message);
    }
}
