package dev.directupload.application.harness;

import dev.directupload.application.port.model.DownloadUrl;
import dev.directupload.application.port.model.UploadForm;
import dev.directupload.application.port.out.storage.CopyObjectPort;
import dev.directupload.application.port.out.storage.DeleteObjectPort;
import dev.directupload.application.port.out.storage.InspectObjectPort;
import dev.directupload.application.port.out.storage.KeyCondition;
import dev.directupload.application.port.out.storage.ListObjectsPort;
import dev.directupload.application.port.out.storage.ListedObject;
import dev.directupload.application.port.out.storage.ListingCursor;
import dev.directupload.application.port.out.storage.ObjectMetadata;
import dev.directupload.application.port.out.storage.ObjectPage;
import dev.directupload.application.port.out.storage.PresignDownloadPort;
import dev.directupload.application.port.out.storage.SignUploadFormPort;
import dev.directupload.application.port.out.storage.UploadFormRequest;
import dev.directupload.domain.media.ByteSize;
import dev.directupload.domain.media.ContentHash;
import dev.directupload.domain.storage.KeyPrefix;
import dev.directupload.domain.storage.ObjectKey;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The storage out-ports in memory. Forms are not signed: it records each request so tests can assert
 * the policy the service asked for, and {@link #upload} plays the client's POST, enforcing the request's
 * key and size like a real store would.
 */
public class InMemoryObjectStorage
        implements SignUploadFormPort,
                InspectObjectPort,
                PresignDownloadPort,
                DeleteObjectPort,
                CopyObjectPort,
                ListObjectsPort {

    private final Clock clock;
    private final boolean formsForbidOverwrite;
    private final Map<ObjectKey, StoredBytes> objects = new ConcurrentHashMap<>();
    private final List<UploadFormRequest> signed = new ArrayList<>();
    private final List<ObjectKey> deleted = new ArrayList<>();
    private final java.util.concurrent.atomic.AtomicReference<Runnable> beforeNextCopy =
            new java.util.concurrent.atomic.AtomicReference<>();

    /** Whether {@link #signWithoutWaiting} can sign. */
    public volatile boolean credentialsAtHand = true;

    /** A store like OSS: its forms can forbid overwriting an existing object. */
    public InMemoryObjectStorage(Clock clock) {
        this(clock, true);
    }

    /** @param formsForbidOverwrite false for a store like S3/MinIO, whose forms cannot */
    public InMemoryObjectStorage(Clock clock, boolean formsForbidOverwrite) {
        this.clock = clock;
        this.formsForbidOverwrite = formsForbidOverwrite;
    }

    @Override
    public boolean canForbidOverwrite() {
        return formsForbidOverwrite;
    }

    /** Signs from memory, unless {@link #credentialsAtHand} was set false (an STS adapter before its first call). */
    @Override
    public Optional<UploadForm> signWithoutWaiting(UploadFormRequest request) {
        return credentialsAtHand ? Optional.of(sign(request)) : Optional.empty();
    }

    @Override
    public synchronized UploadForm sign(UploadFormRequest request) {
        if (request.forbidOverwrite() && !formsForbidOverwrite) {
            throw new IllegalArgumentException("this store's forms cannot forbid overwriting");
        }
        signed.add(request);
        var fields = new LinkedHashMap<String, String>();
        fields.put("key", request.key().value());
        fields.put("policy", "in-memory");
        return new UploadForm("memory://bucket", fields, clock.instant().plus(request.ttl()));
    }

    /**
     * Stores bytes as the client's POST would, refusing what the signed request does not allow.
     *
     * @throws IllegalStateException {@code FileAlreadyExists} when the form forbids overwriting and the key exists
     */
    public void upload(UploadFormRequest allowedBy, ObjectKey key, byte[] bytes, String contentType) {
        boolean keyAllowed = allowedBy.key() instanceof KeyCondition.Exact exact
                ? exact.key().equals(key)
                : key.startsWith(((KeyCondition.Prefix) allowedBy.key()).prefix());
        if (!keyAllowed || !allowedBy.size().contains(ByteSize.ofBytes(bytes.length))) {
            throw new IllegalArgumentException("the policy does not allow this upload");
        }
        StoredBytes fresh = new StoredBytes(bytes.clone(), contentType, clock.instant());
        if (allowedBy.forbidOverwrite()) {
            if (objects.putIfAbsent(key, fresh) != null) {
                throw new IllegalStateException("FileAlreadyExists: " + key);
            }
        } else {
            objects.put(key, fresh);
        }
    }

    /** Stores bytes directly (no policy), as an object that arrived by any route. */
    public void put(ObjectKey key, byte[] bytes, String contentType) {
        objects.put(key, new StoredBytes(bytes.clone(), contentType, clock.instant()));
    }

    /** Runs {@code step} once, just before the next server-side copy: a concurrent finisher coming in between. */
    public void beforeNextCopy(Runnable step) {
        beforeNextCopy.set(step);
    }

    @Override
    public Optional<ObjectMetadata> copy(ObjectKey source, ObjectKey target) {
        Runnable step = beforeNextCopy.getAndSet(null);
        if (step != null) {
            step.run();
        }
        StoredBytes from = objects.get(source);
        if (from == null) {
            return Optional.empty();
        }
        objects.put(target, new StoredBytes(from.bytes, from.contentType, clock.instant()));
        copies.incrementAndGet();
        return inspect(target);
    }

    /** How many server-side copies were made. */
    public int copies() {
        return copies.get();
    }

    @Override
    public ObjectPage listOlderThan(KeyPrefix prefix, Instant cutoff, int limit, Optional<ListingCursor> after) {
        ListObjectsPort.requireValidLimit(limit);
        List<ObjectKey> keys = objects.keySet().stream()
                .filter(k -> k.startsWith(prefix))
                .filter(k ->
                        after.map(c -> k.value().compareTo(c.afterKey()) > 0).orElse(true))
                .sorted(java.util.Comparator.comparing(ObjectKey::value))
                .limit(limit)
                .toList();
        List<ListedObject> old = new ArrayList<>();
        for (ObjectKey key : keys) {
            StoredBytes o = objects.get(key);
            if (o != null && o.storedAt.isBefore(cutoff)) {
                old.add(new ListedObject(key, ByteSize.ofBytes(o.bytes.length), o.storedAt));
            }
        }
        Optional<ListingCursor> next = keys.size() < limit
                ? Optional.empty()
                : Optional.of(new ListingCursor(keys.get(keys.size() - 1).value()));
        return new ObjectPage(old, next);
    }

    @Override
    public Optional<ObjectMetadata> inspect(ObjectKey key) {
        return Optional.ofNullable(objects.get(key))
                .map(o -> new ObjectMetadata(
                        key,
                        ByteSize.ofBytes(o.bytes.length),
                        Optional.of(new ContentHash(md5(o.bytes))),
                        Optional.ofNullable(o.contentType)));
    }

    @Override
    public DownloadUrl presign(ObjectKey key, Duration ttl) {
        return new DownloadUrl("memory://bucket/" + key.value(), clock.instant().plus(ttl));
    }

    private volatile boolean deletesFail;

    /** While true, every delete throws, as when storage is down. */
    public void failDeletes(boolean fail) {
        deletesFail = fail;
    }

    @Override
    public synchronized void delete(ObjectKey key) {
        if (deletesFail) {
            throw new IllegalStateException("storage unavailable");
        }
        deleted.add(key);
        objects.remove(key);
    }

    public Optional<byte[]> bytesAt(ObjectKey key) {
        return Optional.ofNullable(objects.get(key)).map(o -> o.bytes.clone());
    }

    public synchronized List<UploadFormRequest> signedRequests() {
        return List.copyOf(signed);
    }

    public synchronized List<ObjectKey> deletedKeys() {
        return List.copyOf(deleted);
    }

    /** Every key that holds an object now. */
    public List<ObjectKey> keys() {
        return List.copyOf(objects.keySet());
    }

    public static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private final java.util.concurrent.atomic.AtomicInteger copies = new java.util.concurrent.atomic.AtomicInteger();

    private record StoredBytes(byte[] bytes, String contentType, Instant storedAt) {}
}
