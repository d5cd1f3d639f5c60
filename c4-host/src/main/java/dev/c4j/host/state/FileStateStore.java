package dev.c4j.host.state;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A driver's state in a folder: {@code state.bin} (the {@link PlainValues} form of the {@link DriverState}) and
 * {@code secret.key} (the AES key of encrypted {@code Persist*Value} entries). Each save writes a temporary file,
 * forces it to disk and renames it over the old one, so a kill at any moment leaves the previous or the new state,
 * never a mix. Writes run on the store's own thread: blocking file I/O never runs on a driver's loop.
 */
final class FileStateStore implements StateStore {

    private static final String STATE_FILE = "state.bin";
    private static final String KEY_FILE = "secret.key";
    private static final int MAGIC = 0x43344A53; // "C4JS"
    private static final int FORMAT = 1;

    private final Path directory;
    private final ExecutorService writer;
    private final AtomicReference<DriverState> pending = new AtomicReference<>();
    private volatile Future<?> lastWrite;
    private SecretKey key;

    FileStateStore(Path directory) {
        this.directory = directory;
        this.writer = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "c4j-state-" + directory.getFileName());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public DriverState load(Consumer<String> warnings) {
        Path file = directory.resolve(STATE_FILE);
        byte[] bytes;
        try {
            Files.createDirectories(directory);
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new DriverState();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the driver state " + file + ": " + e.getMessage(), e);
        }
        try {
            return decode(bytes);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            Path aside = directory.resolve(STATE_FILE + ".corrupt-" + Instant.now().toEpochMilli());
            try {
                Files.move(file, aside);
            } catch (IOException moveFailure) {
                aside = file;
            }
            warnings.accept("the driver state " + file + " is corrupt (" + e.getMessage()
                    + "); starting with an empty state; the file was kept as " + aside);
            return new DriverState();
        }
    }

    @Override
    public void save(DriverState state) {
        if (pending.getAndSet(state.copy()) == null) {
            lastWrite = writer.submit(this::writePending);
        }
    }

    private void writePending() {
        DriverState state = pending.getAndSet(null);
        if (state == null) {
            return;
        }
        try {
            writeAtomically(encode(state));
        } catch (IOException | GeneralSecurityException e) {
            org.slf4j.LoggerFactory.getLogger(FileStateStore.class)
                    .error("cannot save the driver state in {}: {}", directory, e.toString());
        }
    }

    @Override
    public void flush() {
        try {
            writer.submit(() -> { }).get(); // the single writer runs tasks in order: this one ends after the last save
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closed: everything was written before the writer stopped
        }
    }

    @Override
    public boolean persistent() {
        return true;
    }

    @Override
    public Path directory() {
        return directory;
    }

    @Override
    public void close() {
        flush();
        writer.shutdown();
    }

    // ---- the file ------------------------------------------------------------------------------------------------

    private void writeAtomically(byte[] bytes) throws IOException {
        Files.createDirectories(directory);
        Path temporary = directory.resolve(STATE_FILE + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(bytes));
            channel.force(true);
        }
        try {
            Files.move(temporary, directory.resolve(STATE_FILE), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, directory.resolve(STATE_FILE), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private byte[] encode(DriverState state) throws IOException, GeneralSecurityException {
        Map<Object, Object> root = new LinkedHashMap<>();
        root.put("version", state.version);
        root.put("properties", new LinkedHashMap<Object, Object>(state.properties));
        List<Object> variables = new ArrayList<>();
        for (DriverState.Variable v : state.variables) {
            variables.add(List.of((double) v.id(), v.name(), v.value(), v.type(), v.readOnly(), v.hidden()));
        }
        root.put("variables", variables);
        root.put("persistData", state.persistData);
        Map<Object, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, DriverState.PersistEntry> entry : state.persistValues.entrySet()) {
            DriverState.PersistEntry e = entry.getValue();
            values.put(entry.getKey(), e.encrypted() ? List.of(true, encrypt(bytesOf(e.value()))) : List.of(false,
                    wrap(e.value())));
        }
        root.put("persistValues", values);
        Map<Object, Object> dynamic = new LinkedHashMap<>();
        state.dynamicConnections.forEach((binding, connections) -> dynamic.put((double) binding, connections.stream()
                .map(c -> (Object) List.of(c.provider(), (double) c.otherDevice(), (double) c.otherBinding(),
                        c.bindingClass()))
                .toList()));
        root.put("dynamicConnections", dynamic);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(FORMAT);
            PlainValues.write(out, root);
        }
        return bytes.toByteArray();
    }

    @SuppressWarnings("unchecked")
    private DriverState decode(byte[] bytes) throws IOException, GeneralSecurityException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        if (in.readInt() != MAGIC) {
            throw new IOException("not a c4j state file");
        }
        int format = in.readInt();
        if (format != FORMAT) {
            throw new IOException("unknown state format " + format);
        }
        Map<Object, Object> root = (Map<Object, Object>) PlainValues.read(in);
        if (in.available() != 0) {
            throw new IOException("trailing bytes");
        }
        DriverState state = new DriverState();
        state.version = (String) root.get("version");
        ((Map<Object, Object>) root.get("properties")).forEach((k, v) -> state.properties.put((String) k, (String) v));
        for (Object o : (List<Object>) root.get("variables")) {
            List<Object> v = (List<Object>) o;
            state.variables.add(new DriverState.Variable(((Double) v.get(0)).intValue(), (String) v.get(1),
                    (String) v.get(2), (String) v.get(3), (Boolean) v.get(4), (Boolean) v.get(5)));
        }
        state.persistData = (Map<Object, Object>) root.get("persistData");
        for (Map.Entry<Object, Object> e : ((Map<Object, Object>) root.get("persistValues")).entrySet()) {
            List<Object> entry = (List<Object>) e.getValue();
            boolean encrypted = (Boolean) entry.get(0);
            Object value = encrypted ? valueOf(decrypt(((dev.c4j.api.ByteString) entry.get(1)).toByteArray()))
                    : unwrap(entry.get(1));
            state.persistValues.put((String) e.getKey(), new DriverState.PersistEntry(value, encrypted));
        }
        Map<Object, Object> dynamic = (Map<Object, Object>) root.get("dynamicConnections");
        if (dynamic != null) { // absent from the files of earlier c4j versions
            dynamic.forEach((binding, connections) -> state.dynamicConnections.put(((Double) binding).intValue(),
                    ((List<Object>) connections).stream().map(o -> (List<Object>) o)
                            .map(c -> new DriverState.Connection((Boolean) c.get(0), ((Double) c.get(1)).intValue(),
                                    ((Double) c.get(2)).intValue(), (String) c.get(3)))
                            .toList()));
        }
        return state;
    }

    /** A persist value may be nil-free plain data; wrapped in a one-element list so that null survives too. */
    private static Object wrap(Object value) {
        return java.util.Collections.singletonList(value);
    }

    private static Object unwrap(Object wrapped) {
        return ((List<?>) wrapped).get(0);
    }

    private static byte[] bytesOf(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            PlainValues.write(out, value);
        }
        return bytes.toByteArray();
    }

    private static Object valueOf(byte[] bytes) throws IOException {
        return PlainValues.read(new DataInputStream(new ByteArrayInputStream(bytes)));
    }

    // ---- encrypted entries: AES-GCM under a key kept beside the state ---------------------------------------------

    private dev.c4j.api.ByteString encrypt(byte[] plain) throws IOException, GeneralSecurityException {
        byte[] iv = new byte[12];
        new SecureRandom().nextBytes(iv);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(128, iv));
        byte[] sealed = cipher.doFinal(plain);
        byte[] out = new byte[iv.length + sealed.length];
        System.arraycopy(iv, 0, out, 0, iv.length);
        System.arraycopy(sealed, 0, out, iv.length, sealed.length);
        return dev.c4j.api.ByteString.wrap(out);
    }

    private byte[] decrypt(byte[] sealed) throws IOException, GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(128, sealed, 0, 12));
        return cipher.doFinal(sealed, 12, sealed.length - 12);
    }

    private synchronized SecretKey key() throws IOException {
        if (key == null) {
            Path file = directory.resolve(KEY_FILE);
            byte[] bytes;
            if (Files.exists(file)) {
                bytes = Files.readAllBytes(file);
            } else {
                bytes = new byte[32];
                new SecureRandom().nextBytes(bytes);
                Path temporary = directory.resolve(KEY_FILE + ".tmp");
                Files.write(temporary, bytes);
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            }
            key = new SecretKeySpec(bytes, "AES");
        }
        return key;
    }
}
