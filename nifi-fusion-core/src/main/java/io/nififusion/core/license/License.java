package io.nififusion.core.license;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The claims of a Fusion license: who holds it, when it is valid, what it unlocks.
 *
 * @param licensee holder of the license, shown to operators
 * @param licenseId identifier of this license, unique per issuer
 * @param issued when the license was issued
 * @param notBefore first instant the license is valid, null for "from issue"
 * @param expires first instant the license is no longer valid
 * @param features licensed features, empty for the base product
 * @param capacityBytes licensed migration capacity in bytes, null for unlimited
 */
public record License(
        String licensee,
        String licenseId,
        Instant issued,
        Instant notBefore,
        Instant expires,
        List<String> features,
        Long capacityBytes) {

    public License {
        requireText(licensee, "licensee");
        requireText(licenseId, "licenseId");
        Objects.requireNonNull(issued, "issued required");
        Objects.requireNonNull(expires, "expires required");
        features = features == null ? List.of() : List.copyOf(features);
        if (capacityBytes != null && capacityBytes < 0) {
            throw new IllegalArgumentException("capacityBytes must not be negative");
        }
        if (!expires.isAfter(notBefore == null ? issued : notBefore)) {
            throw new IllegalArgumentException("expires must be after " + (notBefore == null ? "issued" : "notBefore"));
        }
    }

    /** The instant the license starts to be valid: {@link #notBefore()} when set, otherwise {@link #issued()}. */
    public Instant validFrom() {
        return notBefore == null ? issued : notBefore;
    }

    /** Whether the license is valid at the instant but expires within the given period. */
    public boolean expiresWithin(final Instant now, final Duration period) {
        return !now.isBefore(validFrom()) && now.isBefore(expires) && !now.plus(period).isBefore(expires);
    }

    public boolean hasFeature(final String feature) {
        return features.contains(feature);
    }

    private static void requireText(final String value, final String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " required");
        }
    }
}
