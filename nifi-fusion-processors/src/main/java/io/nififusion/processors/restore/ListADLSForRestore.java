package io.nififusion.processors.restore;

import io.nififusion.core.ErrorMessages;
import io.nififusion.core.checksum.Crc32cFormat;
import io.nififusion.core.copy.ReplicationErrorClassifier;
import io.nififusion.core.copy.ReplicationException;
import io.nififusion.core.copy.ReplicatorSettings;
import io.nififusion.core.operation.OperationAttributes;
import io.nififusion.core.restore.RestoreEntry;
import io.nififusion.core.restore.RestoreListing;
import io.nififusion.core.restore.RestorePage;
import io.nififusion.core.restore.RestoreScope;
import io.nififusion.processors.common.ParsingValidator;
import io.nififusion.processors.common.TargetServiceProperties;
import io.nififusion.services.target.FusionTargetService;
import io.nififusion.services.verification.VerificationReport;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.PrimaryNodeOnly;
import org.apache.nifi.annotation.behavior.Stateful;
import org.apache.nifi.annotation.behavior.TriggerSerially;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.lifecycle.OnScheduled;
import org.apache.nifi.annotation.lifecycle.OnStopped;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.VerifiableProcessor;
import org.apache.nifi.processor.exception.ProcessException;
import org.apache.nifi.processor.util.StandardValidators;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

@PrimaryNodeOnly
@TriggerSerially
@InputRequirement(InputRequirement.Requirement.INPUT_FORBIDDEN)
@Stateful(scopes = Scope.CLUSTER, description = "The restore request listed (path, scope, time), the cursor of the listing (the last path "
        + "examined) and whether it is complete. Saved in the same commit as the records it covers, so a restart resumes the listing where it "
        + "stopped. A complete listing is not repeated; clear the state, or change the Restore Path, scope or time, to list again.")
@Tags({"adls", "azure", "hdfs", "restore", "backup", "trash", "list", "migration", "fusion"})
@CapabilityDescription("Lists the target copy of a source subtree for a restore to HDFS, once: one FlowFile (attributes only, no content) per "
        + "file and directory, with where its bytes are at the target, the source path it backs up, and the source version and CRC32C the "
        + "target recorded. The live scope lists the tree as last replicated; the as-of scope lists the tree as the source held it at a "
        + "moment, from the trash that ReplicateToADLS keeps with Delete Policy Keep in Trash. Bounded pages per trigger, resumable.")
@SeeAlso(classNames = {"io.nififusion.processors.restore.RestoreToHDFS", "io.nififusion.processors.replicate.ReplicateToADLS"})
@WritesAttributes({
        @WritesAttribute(attribute = OperationAttributes.PATH, description = "The absolute source path the copy backs up"),
        @WritesAttribute(attribute = OperationAttributes.DIRECTORY, description = "true for a directory, false for a file"),
        @WritesAttribute(attribute = RestoreAttributes.TARGET_PATH, description = "The copy to read, relative to the filesystem (live tree or trash batch)"),
        @WritesAttribute(attribute = RestoreAttributes.ETAG, description = "Entity tag of the version listed"),
        @WritesAttribute(attribute = RestoreAttributes.LENGTH, description = "Bytes of the file"),
        @WritesAttribute(attribute = RestoreAttributes.RECORDED_CRC32C, description = "CRC32C recorded at the target when the file was copied"),
        @WritesAttribute(attribute = RestoreAttributes.SOURCE_MODIFICATION_TIME, description = "Source modification time recorded at the target"),
        @WritesAttribute(attribute = RestoreAttributes.SOURCE_FILE_ID, description = "Source inode id recorded at the target"),
        @WritesAttribute(attribute = RestoreAttributes.DELETED_AT, description = "Trash entries: when the source deleted or replaced this version"),
        @WritesAttribute(attribute = RestoreAttributes.AS_OF, description = "As-of listings: the moment the version was chosen for")
})
public class ListADLSForRestore extends AbstractProcessor implements VerifiableProcessor {

    public static final PropertyDescriptor FUSION_TARGET_SERVICE = TargetServiceProperties.FUSION_TARGET_SERVICE;

    public static final PropertyDescriptor RESTORE_PATH = new PropertyDescriptor.Builder()
            .name("Restore Path")
            .description("Absolute source path whose target copy to list: the mapping's Source Root or a file or directory below it")
            .required(true)
            .addValidator(new ParsingValidator(ListADLSForRestore::parseAbsolutePath))
            .build();

    public static final PropertyDescriptor LISTING_SCOPE = new PropertyDescriptor.Builder()
            .name("Listing Scope")
            .description("Which version of the tree to list")
            .required(true)
            .allowableValues(ListingScopeOption.class)
            .defaultValue(ListingScopeOption.LIVE)
            .build();

    public static final PropertyDescriptor AS_OF = new PropertyDescriptor.Builder()
            .name("As Of")
            .description("The moment whose tree to list, ISO-8601 in UTC, such as 2026-12-01T09:30:00Z. Versions deleted or overwritten before the "
                    + "trash's retention ran out are found; what the source created after this moment is left out.")
            .required(true)
            .addValidator(new ParsingValidator(ListADLSForRestore::parseInstant))
            .dependsOn(LISTING_SCOPE, ListingScopeOption.AS_OF)
            .build();

    public static final PropertyDescriptor REPLICATION_TEMP_PREFIX = new PropertyDescriptor.Builder()
            .name("Replication Temp Prefix")
            .description("The Temp Name Prefix of the ReplicateToADLS that writes the target: its temp files are never listed")
            .required(true)
            .defaultValue(ReplicatorSettings.DEFAULT_TEMP_PREFIX)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    public static final PropertyDescriptor ENTRIES_PER_TRIGGER = new PropertyDescriptor.Builder()
            .name("Entries per Trigger")
            .description("Paths examined per run; the cursor is saved after each, so memory stays bounded and a restart resumes")
            .required(true)
            .defaultValue("1000")
            .addValidator(StandardValidators.createLongValidator(1, 100_000, true))
            .build();

    public static final Relationship REL_SUCCESS = new Relationship.Builder()
            .name("success")
            .description("One record per file and directory to restore")
            .build();

    static final String STATE_REQUEST = "request";
    static final String STATE_CURSOR = "cursor";
    static final String STATE_COMPLETE = "complete";
    static final String STATE_LISTED = "listed";
    static final String STEP_LIST_RESTORE_PATH = "List Restore Path";
    private static final int DIRECTORY_PAGE_SIZE = 5000;

    private static final List<PropertyDescriptor> PROPERTIES = List.of(FUSION_TARGET_SERVICE, RESTORE_PATH, LISTING_SCOPE, AS_OF,
            REPLICATION_TEMP_PREFIX, ENTRIES_PER_TRIGGER);

    private volatile RestoreListing listing;
    private volatile FusionTargetService target;

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTIES;
    }

    @Override
    public Set<Relationship> getRelationships() {
        return Set.of(REL_SUCCESS);
    }

    @OnScheduled
    public void onScheduled(final ProcessContext context) {
        target = context.getProperty(FUSION_TARGET_SERVICE).asControllerService(FusionTargetService.class);
        listing = listing(context, target);
    }

    @OnStopped
    public void onStopped() {
        listing = null;
    }

    @Override
    public void onTrigger(final ProcessContext context, final ProcessSession session) throws ProcessException {
        final String path = parseAbsolutePath(context.getProperty(RESTORE_PATH).getValue());
        final RestoreScope scope = scope(context);
        final String request = path + "|" + (scope.isLive() ? "live" : "as-of " + scope.asOf());
        final Map<String, String> state;
        try {
            state = session.getState(Scope.CLUSTER).toMap();
        } catch (final IOException e) {
            throw new ProcessException("Reading the listing state failed", e);
        }
        final boolean sameRequest = request.equals(state.get(STATE_REQUEST));
        if (sameRequest && Boolean.parseBoolean(state.get(STATE_COMPLETE))) {
            context.yield();
            return;
        }
        final String cursor = sameRequest ? state.get(STATE_CURSOR) : null;
        long listed = sameRequest && state.get(STATE_LISTED) != null ? Long.parseLong(state.get(STATE_LISTED)) : 0;
        final RestorePage page;
        try {
            page = listing.list(path, scope, cursor, context.getProperty(ENTRIES_PER_TRIGGER).asInteger());
        } catch (final IllegalArgumentException e) {
            getLogger().error("Restore Path {} cannot be listed: {}", path, e.getMessage());
            context.yield();
            return;
        } catch (final RuntimeException e) {
            // nothing of this run is emitted and the cursor stays: the next run lists the same page again
            final ReplicationException failure = new ReplicationErrorClassifier(target.getAuthenticationMode()).classify(e, "Listing the target copy of " + path);
            if (failure.isTransient()) {
                getLogger().warn("{}; listed again from the same place after the yield", failure.getMessage());
            } else {
                getLogger().error("{}", failure.getMessage());
            }
            context.yield();
            return;
        }
        for (final RestoreEntry entry : page.entries()) {
            transfer(session, entry, scope);
        }
        listed += page.entries().size();
        final Map<String, String> next = new HashMap<>();
        next.put(STATE_REQUEST, request);
        next.put(STATE_LISTED, Long.toString(listed));
        next.put(STATE_COMPLETE, Boolean.toString(page.isComplete()));
        if (page.cursor() != null) {
            next.put(STATE_CURSOR, page.cursor());
        }
        try {
            session.setState(next, Scope.CLUSTER);
        } catch (final IOException e) {
            throw new ProcessException("Saving the listing state failed; the records of this run are rolled back", e);
        }
        if (page.isComplete()) {
            getLogger().info("Listed {} entries to restore from the target copy of {} ({})", listed, path, scope.isLive() ? "live tree" : "as of " + scope.asOf());
        }
        session.adjustCounter("Entries Listed", page.entries().size(), false);
        session.commitAsync();
    }

    private void transfer(final ProcessSession session, final RestoreEntry entry, final RestoreScope scope) {
        final Map<String, String> attributes = new HashMap<>();
        attributes.put(OperationAttributes.PATH, entry.originalPath());
        attributes.put(OperationAttributes.DIRECTORY, Boolean.toString(entry.directory()));
        attributes.put(RestoreAttributes.TARGET_PATH, entry.targetPath());
        if (entry.etag() != null) {
            attributes.put(RestoreAttributes.ETAG, entry.etag());
        }
        if (!entry.directory()) {
            attributes.put(RestoreAttributes.LENGTH, Long.toString(entry.length()));
        }
        if (entry.version() != null) {
            if (entry.version().crc32c() != null) {
                attributes.put(RestoreAttributes.RECORDED_CRC32C, Crc32cFormat.format(entry.version().crc32c()));
            }
            attributes.put(RestoreAttributes.SOURCE_MODIFICATION_TIME, Long.toString(entry.version().modificationTime()));
            attributes.put(RestoreAttributes.SOURCE_FILE_ID, Long.toString(entry.version().fileId()));
        }
        if (entry.deletedAt() != null) {
            attributes.put(RestoreAttributes.DELETED_AT, entry.deletedAt().toString());
        }
        if (!scope.isLive()) {
            attributes.put(RestoreAttributes.AS_OF, scope.asOf().toString());
        }
        FlowFile flowFile = session.putAllAttributes(session.create(), attributes);
        session.getProvenanceReporter().receive(flowFile, target.getTransitUri(entry.targetPath()));
        session.transfer(flowFile, REL_SUCCESS);
    }

    @Override
    public List<ConfigVerificationResult> verify(final ProcessContext context, final ComponentLog verificationLogger, final Map<String, String> attributes) {
        final FusionTargetService service = context.getProperty(FUSION_TARGET_SERVICE).asControllerService(FusionTargetService.class);
        final String path = context.getProperty(RESTORE_PATH).getValue();
        try {
            final RestorePage page = listing(context, service).list(parseAbsolutePath(path), scope(context), null, 100);
            if (page.entries().isEmpty()) {
                return List.of(VerificationReport.failed(STEP_LIST_RESTORE_PATH, "The target holds no copy of " + path
                        + (scope(context).isLive() ? "" : " as of " + scope(context).asOf()) + " under " + service.getTransitUri(service.getPathMapper().getTargetRoot())));
            }
            return List.of(VerificationReport.successful(STEP_LIST_RESTORE_PATH, "The target holds a copy of " + path + ": "
                    + page.entries().size() + (page.isComplete() ? "" : " or more") + " entries"));
        } catch (final IllegalArgumentException e) {
            return List.of(VerificationReport.failed(STEP_LIST_RESTORE_PATH, e.getMessage()));
        } catch (final RuntimeException e) {
            verificationLogger.error("Listing the target copy of {} failed", path, e);
            return List.of(VerificationReport.failed(STEP_LIST_RESTORE_PATH, "Listing the target copy of " + path + " failed: " + ErrorMessages.describe(e)
                    + " (" + service.getAuthenticationMode() + " credential)"));
        }
    }

    private static RestoreListing listing(final ProcessContext context, final FusionTargetService service) {
        return new RestoreListing(service.getFileSystemClient(), service.getPathMapper(), context.getProperty(REPLICATION_TEMP_PREFIX).getValue(),
                DIRECTORY_PAGE_SIZE);
    }

    private static RestoreScope scope(final ProcessContext context) {
        return context.getProperty(LISTING_SCOPE).asAllowableValue(ListingScopeOption.class) == ListingScopeOption.LIVE ? RestoreScope.LIVE
                : RestoreScope.asOf(parseInstant(context.getProperty(AS_OF).getValue()));
    }

    static String parseAbsolutePath(final String value) {
        if (value == null || !value.startsWith("/")) {
            throw new IllegalArgumentException("[" + value + "] must be an absolute HDFS path, such as /data/sales");
        }
        for (final String segment : value.split("/")) {
            if (".".equals(segment) || "..".equals(segment)) {
                throw new IllegalArgumentException("[" + value + "] must not contain '.' or '..' segments");
            }
        }
        return value.length() > 1 && value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }

    static Instant parseInstant(final String value) {
        try {
            return Instant.parse(value);
        } catch (final DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException("[" + value + "] is not an ISO-8601 moment in UTC, such as 2026-12-01T09:30:00Z");
        }
    }
}
