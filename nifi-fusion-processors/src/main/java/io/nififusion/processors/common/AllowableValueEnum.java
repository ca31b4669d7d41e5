package io.nififusion.processors.common;

import org.apache.nifi.components.AllowableValue;
import org.apache.nifi.components.DescribedValue;

/** An enum of a property's allowable values, each held as NiFi's {@link AllowableValue}. */
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
