package org.cvote.verifier;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.cvote.crypto.record.RecordFiles;

/** A record as a directory or a zip of the same files (docs/protocol.md §10). */
public abstract class RecordSource implements AutoCloseable {
    /** Opens a record; not a directory nor a readable zip, or a missing file → unreadable (exit 2). */
    public static RecordSource open(Path path) throws UnreadableRecordException {
        if (Files.isDirectory(path)) {
            RecordSource s = new Dir(path);
            s.requireAll();
            return s;
        }
        if (!Files.isRegularFile(path)) {
            throw new UnreadableRecordException(path + " is neither a directory nor a zip file");
        }
        ZipFile z;
        try {
            z = new ZipFile(path.toFile());
        } catch (IOException e) {
            throw new UnreadableRecordException(path + " is not a directory and not a readable zip file (" + e.getMessage() + ")", e);
        }
        RecordSource s = new Zip(path, z);
        s.requireAll();
        return s;
    }

    public abstract String describe();

    public abstract boolean exists(String name);

    public abstract InputStream open(String name) throws IOException;

    /** Size in bytes, or −1 when unknown. */
    public abstract long size(String name);

    public byte[] read(String name) throws UnreadableRecordException {
        try (InputStream in = open(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UnreadableRecordException("cannot read " + name + " from " + describe() + ": " + e.getMessage(), e);
        }
    }

    void requireAll() throws UnreadableRecordException {
        for (String f : RecordFiles.ALL) {
            if (!exists(f)) {
                throw new UnreadableRecordException("the record " + describe() + " has no " + f);
            }
        }
    }

    @Override
    public void close() throws IOException {}

    static final class Dir extends RecordSource {
        private final Path dir;

        Dir(Path dir) {
            this.dir = dir;
        }

        public String describe() {
            return dir.toString();
        }

        public boolean exists(String name) {
            return Files.isRegularFile(dir.resolve(name));
        }

        public InputStream open(String name) throws IOException {
            return new BufferedInputStream(Files.newInputStream(dir.resolve(name)), 1 << 16);
        }

        public long size(String name) {
            try {
                return Files.size(dir.resolve(name));
            } catch (IOException e) {
                return -1;
            }
        }
    }

    static final class Zip extends RecordSource {
        private final Path path;
        private final ZipFile zip;
        private final Map<String, ZipEntry> entries = new HashMap<>();

        Zip(Path path, ZipFile zip) {
            this.path = path;
            this.zip = zip;
            zip.stream().forEach(e -> {
                if (!e.isDirectory()) {
                    String n = e.getName();
                    entries.putIfAbsent(n.substring(n.lastIndexOf('/') + 1), e);
                }
            });
        }

        public String describe() {
            return path.toString();
        }

        public boolean exists(String name) {
            return entries.containsKey(name);
        }

        public InputStream open(String name) throws IOException {
            ZipEntry e = entries.get(name);
            if (e == null) {
                throw new IOException("no " + name + " in the zip");
            }
            return new BufferedInputStream(zip.getInputStream(e), 1 << 16);
        }

        public long size(String name) {
            ZipEntry e = entries.get(name);
            return e == null ? -1 : e.getSize();
        }

        @Override
        public void close() throws IOException {
            zip.close();
        }
    }
}
