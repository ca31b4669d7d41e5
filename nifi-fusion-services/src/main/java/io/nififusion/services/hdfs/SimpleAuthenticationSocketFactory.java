package io.nififusion.services.hdfs;

import org.apache.hadoop.net.StandardSocketFactory;

/**
 * The socket factory of source clusters without Kerberos. Hadoop keeps one IPC client per socket factory class for
 * the whole JVM, and that client decides once whether a server may ask for simple authentication. Once a Kerberos
 * source service has enabled Hadoop security (a JVM-wide switch), every connection starts with SASL, and a cluster
 * without Kerberos answers by asking for simple authentication: the IPC client of this class allows that fallback, the
 * one of Kerberos clusters keeps refusing it. Sockets are the standard ones.
 */
public class SimpleAuthenticationSocketFactory extends StandardSocketFactory {
}
