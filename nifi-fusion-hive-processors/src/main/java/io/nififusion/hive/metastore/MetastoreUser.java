package io.nififusion.hive.metastore;

import org.apache.hadoop.security.UserGroupInformation;

import java.io.IOException;

/**
 * The Kerberos identity a metastore connection authenticates as with SASL: the connection opens its clients and makes
 * every call as this user, asking for it again each time, so a renewed login is used as soon as it is made.
 */
public interface MetastoreUser {

    /** The user, logged in, its ticket renewed first when it is close to expiry. */
    UserGroupInformation login() throws IOException;

    /** Who this is, for messages, such as {@code alice@EXAMPLE.COM (the HDFS Source Service's user)}. */
    String describe();
}
