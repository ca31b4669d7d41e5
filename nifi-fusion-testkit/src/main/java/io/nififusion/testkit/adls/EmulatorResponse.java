package io.nififusion.testkit.adls;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** A response about to be sent: status, headers and a body held in memory (small) or read from a stored file. */
final class EmulatorResponse {

    final int status;
    final Map<String, String> headers = new LinkedHashMap<>();
    byte[] body = new byte[0];
    Path file;
    long fileOffset;
    long fileLength;

    EmulatorResponse(final int status) {
        this.status = status;
    }

    EmulatorResponse header(final String name, final String value) {
        if (value != null) {
            headers.put(name, value);
        }
        return this;
    }

    EmulatorResponse body(final String contentType, final String text) {
        headers.put("Content-Type", contentType);
        body = text.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    EmulatorResponse file(final Path source, final long offset, final long length) {
        this.file = source;
        this.fileOffset = offset;
        this.fileLength = length;
        return this;
    }

    long bodyLength() {
        return file != null ? fileLength : body.length;
    }
}
