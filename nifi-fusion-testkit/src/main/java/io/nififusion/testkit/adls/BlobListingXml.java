package io.nififusion.testkit.adls;

import java.util.LinkedHashMap;
import java.util.Map;

/** The body of a List Blobs answer ({@code GET /acct/fs?restype=container&comp=list}), in the Blob service's XML. */
final class BlobListingXml {

    private final String endpoint;
    private final String fileSystem;
    private final boolean withMetadata;
    private final boolean withPermissions;

    /**
     * @param endpoint the account endpoint the listing names as its service endpoint
     * @param fileSystem the container listed
     * @param withMetadata {@code include=metadata}: each blob's metadata ({@code hdi_isfolder=true} on directories)
     * @param withPermissions {@code include=permissions}: owner, group, permissions, ACL and resource type
     */
    BlobListingXml(final String endpoint, final String fileSystem, final boolean withMetadata, final boolean withPermissions) {
        this.endpoint = endpoint;
        this.fileSystem = fileSystem;
        this.withMetadata = withMetadata;
        this.withPermissions = withPermissions;
    }

    /** The request's parameters are echoed as the service does: prefix when not empty, marker, max results and delimiter when given. */
    String render(final String prefix, final String marker, final Integer maxResults, final String delimiter,
                  final PathStore.Page<PathStore.BlobEntry> page) {
        final StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        xml.append("<EnumerationResults ServiceEndpoint=\"").append(AdlsRequestHandler.escape(endpoint)).append("/\" ContainerName=\"")
                .append(AdlsRequestHandler.escape(fileSystem)).append("\">");
        if (!prefix.isEmpty()) {
            element(xml, "Prefix", prefix);
        }
        if (marker != null) {
            element(xml, "Marker", marker);
        }
        if (maxResults != null) {
            element(xml, "MaxResults", maxResults.toString());
        }
        if (delimiter != null) {
            element(xml, "Delimiter", delimiter);
        }
        xml.append("<Blobs>");
        for (final PathStore.BlobEntry entry : page.items()) {
            if (entry.prefix() != null) {
                xml.append("<BlobPrefix>");
                element(xml, "Name", entry.prefix());
                xml.append("</BlobPrefix>");
            } else {
                blob(xml, entry.blob());
            }
        }
        xml.append("</Blobs><NextMarker>").append(page.continuation() == null ? "" : AdlsRequestHandler.escape(page.continuation()))
                .append("</NextMarker></EnumerationResults>");
        return xml.toString();
    }

    private void blob(final StringBuilder xml, final PathStore.PathSnapshot blob) {
        xml.append("<Blob>");
        element(xml, "Name", blob.name());
        xml.append("<Properties>");
        element(xml, "Creation-Time", AdlsRequestHandler.httpDate(blob.created()));
        element(xml, "Last-Modified", AdlsRequestHandler.httpDate(blob.lastModified()));
        element(xml, "Etag", blob.etag());
        element(xml, "Content-Length", Long.toString(blob.length()));
        element(xml, "Content-Type", blob.contentType() != null ? blob.contentType() : "application/octet-stream");
        element(xml, "Content-Encoding", blob.contentEncoding());
        element(xml, "Content-Language", blob.contentLanguage());
        element(xml, "Content-MD5", blob.contentMd5());
        element(xml, "Content-Disposition", blob.contentDisposition());
        element(xml, "Cache-Control", blob.cacheControl());
        xml.append("<BlobType>BlockBlob</BlobType><LeaseStatus>unlocked</LeaseStatus><LeaseState>available</LeaseState>")
                .append("<ServerEncrypted>true</ServerEncrypted>");
        if (withPermissions) {
            element(xml, "Owner", blob.owner());
            element(xml, "Group", blob.group());
            element(xml, "Permissions", blob.permissionString());
            element(xml, "Acl", blob.acl());
            element(xml, "ResourceType", blob.directory() ? "directory" : "file");
        }
        xml.append("</Properties>");
        if (withMetadata) {
            final Map<String, String> metadata = new LinkedHashMap<>(blob.metadata());
            if (blob.directory()) {
                metadata.put("hdi_isfolder", "true");
            }
            xml.append("<Metadata>");
            for (final Map.Entry<String, String> item : metadata.entrySet()) {
                element(xml, item.getKey(), item.getValue());
            }
            xml.append("</Metadata>");
        }
        xml.append("</Blob>");
    }

    /** Appends {@code <name>value</name>}, nothing when the value is null. */
    private static void element(final StringBuilder xml, final String name, final String value) {
        if (value != null) {
            xml.append('<').append(name).append('>').append(AdlsRequestHandler.escape(value)).append("</").append(name).append('>');
        }
    }
}
