package io.nififusion.core.listing;

/**
 * Whether a user can run one change capture mode, and why.
 *
 * @param available whether the mode works for the user
 * @param explanation what was found, with the fix when it does not work
 */
public record ModeAvailability(boolean available, String explanation) {

    public static ModeAvailability available(final String explanation) {
        return new ModeAvailability(true, explanation);
    }

    public static ModeAvailability unavailable(final String explanation) {
        return new ModeAvailability(false, explanation);
    }
}
