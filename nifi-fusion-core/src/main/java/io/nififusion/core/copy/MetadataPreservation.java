package io.nififusion.core.copy;

/** Which source metadata the target receives, on copies, directories and METADATA operations. */
public enum MetadataPreservation {
    /** Only the source version (always kept, it is what makes copies skip and never stale). */
    NONE(false, false, false, false),
    /** Permission bits. */
    PERMISSIONS(true, false, false, false),
    /** Permission bits, owner and group mapped to Azure AD object ids. */
    PERMISSIONS_OWNERSHIP(true, true, false, false),
    /** Permission bits, owner and group, ACL entries (named users and groups mapped), access and modification times. */
    ALL(true, true, true, true);

    private final boolean permissions;
    private final boolean ownership;
    private final boolean acl;
    private final boolean times;

    MetadataPreservation(final boolean permissions, final boolean ownership, final boolean acl, final boolean times) {
        this.permissions = permissions;
        this.ownership = ownership;
        this.acl = acl;
        this.times = times;
    }

    public boolean permissions() {
        return permissions;
    }

    public boolean ownership() {
        return ownership;
    }

    public boolean acl() {
        return acl;
    }

    public boolean times() {
        return times;
    }
}
