package io.nififusion.services.target;

/** The HDInsight cluster's Ambari REST API could not be read. Messages name the cluster URL and user, never the password. */
public class AmbariException extends Exception {

    public AmbariException(final String message) {
        super(message);
    }

    public AmbariException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
