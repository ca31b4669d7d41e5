package io.nififusion.services.target;

import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.file.datalake.DataLakeServiceClientBuilder;

import java.util.Base64;

/** Shared Key signatures with a storage account access key. */
public record AccountKeyCredentials(String accountKey) implements StorageCredentials {
    private static final String PROPERTY = "Account Key";

    public AccountKeyCredentials {
        accountKey = InvalidCredentialsException.required(accountKey, PROPERTY, AuthenticationMode.ACCOUNT_KEY.getDisplayName());
        if (!isBase64(accountKey)) {
            throw new InvalidCredentialsException(PROPERTY, "Account Key is not Base64: copy key1 or key2 of the storage account's Access keys");
        }
    }

    @Override
    public AuthenticationMode mode() {
        return AuthenticationMode.ACCOUNT_KEY;
    }

    @Override
    public void applyTo(final DataLakeServiceClientBuilder builder, final StorageEndpoint endpoint, final HttpConnectionSettings connections,
                        final int tries) {
        builder.credential(new StorageSharedKeyCredential(endpoint.accountName(), accountKey));
    }

    @Override
    public String toString() {
        return "AccountKeyCredentials[]";
    }

    private static boolean isBase64(final String value) {
        try {
            return Base64.getDecoder().decode(value).length > 0;
        } catch (final IllegalArgumentException e) {
            return false;
        }
    }
}
