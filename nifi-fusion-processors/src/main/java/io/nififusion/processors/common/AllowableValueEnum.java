package io.nififusion.processors.common;

import org.apache.nifi.components.AllowableValue;
import org.apache.nifi.components.DescribedValue;

/**
 * An enum of a property's allowable values, each held as NiFi's {@link AllowableValue}. The value is what saved and
 * versioned flows store, so each enum keeps the value it shipped with: the constant's name for most, the display name
 * for those that were written that way from the start (their values are pinned by a test).
 */
public interface AllowableValueEnum extends DescribedValue {

    AllowableValue allowableValue();

    @Override
    default String getValue() {
        return allowableValue().getValue();
    }

    @Override
    default String getDisplayName() {
        return allowableValue().getDisplayName();
    }

    @Override
    default String getDescription() {
        return allowableValue().getDescription();
    }
}
