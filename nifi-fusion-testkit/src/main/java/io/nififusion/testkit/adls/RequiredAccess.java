package io.nififusion.testkit.adls;

/**
 * What an operation needs from a SAS token.
 *
 * @param accountPermissions account SAS permission letters, any one of which grants the operation
 * @param servicePermissions service SAS permission letters, any one of which grants the operation
 * @param resourceType account SAS resource type: {@code s} service, {@code c} filesystem, {@code o} path
 * @param fileSystem filesystem addressed, or null for service-level calls
 * @param path path addressed inside the filesystem, empty for the filesystem itself
 */
record RequiredAccess(String accountPermissions, String servicePermissions, char resourceType, String fileSystem, String path) {
}
