package dev.kehu.infra.tokenstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import dev.kehu.infra.eventstore.BsonJson;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import dev.kehu.query.projection.SegmentClaims;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventhandling.tokenstore.UnableToInitializeTokenException;
import org.axonframework.eventhandling.tokenstore.UnableToRetrieveIdentifierException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.conversions.Bson;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Axon {@link TokenStore} on plain {@code mongodb-driver-sync}. One document per processor segment,
 * {@code _id = processorName + "/" + segment}, holding the token as a readable document with its type, the owner
 * that claims it and the claim's timestamp. Claims are conditional {@code findOneAndUpdate}s on {@code _id}: the
 * claim succeeds when the owner is this node, nobody, or a node whose claim is older than the claim timeout, so
 * several application instances share a processor's segments.
 *
 * <p>{@link #fetchSegments} and {@link #fetchAvailableSegments} filter on {@code processorName}; the collection holds
 * one document per segment of each processor, so that scan stays tiny.
 */
public class MongoTokenStore implements TokenStore, SegmentClaims {

    static final String PROCESSOR = "processorName";
    static final String SEGMENT = "segment";
    static final String TOKEN = "token";
    static final String TOKEN_TYPE = "tokenType";
    static final String OWNER = "owner";
    static final String TIMESTAMP = "timestamp";
    private static final String CONFIG_ID = "__storage_identifier";

    private final MongoCollection<BsonDocument> tokens;
    private final Serializer serializer;
    private final String owner;
    private final Duration claimTimeout;
    private final Clock clock;

    public MongoTokenStore(MongoDatabase database, String collectionName, Serializer serializer, String owner,
                           Duration claimTimeout, Clock clock) {
        this.tokens = database.getCollection(collectionName, BsonDocument.class);
        this.serializer = Objects.requireNonNull(serializer, "serializer");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.claimTimeout = Objects.requireNonNull(claimTimeout, "claimTimeout");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A store named {@code tokens}, owned by this JVM ({@code pid@host}), with a 10 s claim timeout. */
    public MongoTokenStore(MongoDatabase database, Serializer serializer) {
        this(database, "tokens", serializer, ManagementFactory.getRuntimeMXBean().getName(), Duration.ofSeconds(10),
                Clock.systemUTC());
    }

    public String owner() {
        return owner;
    }

    static String id(String processorName, int segment) {
        return processorName + "/" + segment;
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount) {
        initializeTokenSegments(processorName, segmentCount, null);
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount, TrackingToken initialToken) {
        if (fetchSegments(processorName).length > 0) {
            throw new UnableToClaimTokenException(
                    "Could not initialize segments. Some segments were already present for " + processorName);
        }
        List<BsonDocument> documents = new ArrayList<>(segmentCount);
        for (int segment = 0; segment < segmentCount; segment++) {
            documents.add(document(processorName, segment, initialToken, null));
        }
        try {
            tokens.insertMany(documents, new InsertManyOptions().ordered(true));
        } catch (MongoBulkWriteException e) {
            throw new UnableToClaimTokenException(
                    "Could not initialize segments of " + processorName + ": another node did so concurrently", e);
        }
    }

    @Override
    public void initializeSegment(TrackingToken token, String processorName, int segment) {
        try {
            tokens.insertOne(document(processorName, segment, token, null));
        } catch (MongoWriteException e) {
            throw new UnableToInitializeTokenException(
                    "Could not initialize segment " + segment + " of " + processorName + ": it already exists", e);
        }
    }

    @Override
    public boolean requiresExplicitSegmentInitialization() {
        return true;
    }

    @Override
    public void storeToken(TrackingToken token, String processorName, int segment) {
        BsonDocument serialized = serializedToken(token);
        UpdateResult result = tokens.updateOne(idAnd(processorName, segment, claimable()),
                Updates.combine(Updates.set(TOKEN, serialized.get(TOKEN)),
                        Updates.set(TOKEN_TYPE, serialized.get(TOKEN_TYPE)),
                        Updates.set(OWNER, new BsonString(owner)), Updates.set(TIMESTAMP, now())));
        if (result.getMatchedCount() == 0) {
            if (exists(processorName, segment)) {
                throw new UnableToClaimTokenException("Unable to store the token of segment " + segment + " of "
                        + processorName + ": it is claimed by another node");
            }
            try {
                tokens.insertOne(document(processorName, segment, token, owner));
            } catch (MongoWriteException e) {
                throw new UnableToClaimTokenException("Unable to store the token of segment " + segment + " of "
                        + processorName + ": another node created it concurrently", e);
            }
        }
    }

    @Override
    public TrackingToken fetchToken(String processorName, int segment) {
        BsonDocument claimed = tokens.findOneAndUpdate(
                idAnd(processorName, segment, claimable()),
                Updates.combine(Updates.set(OWNER, new BsonString(owner)), Updates.set(TIMESTAMP, now())),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        if (claimed == null) {
            if (!exists(processorName, segment)) {
                throw new UnableToClaimTokenException("Unable to claim token '" + processorName + "[" + segment
                        + "]'. It has not been initialized yet");
            }
            throw new UnableToClaimTokenException("Unable to claim token '" + processorName + "[" + segment
                    + "]'. It is owned by another node");
        }
        return deserialize(claimed);
    }

    @Override
    public TrackingToken fetchToken(String processorName, Segment segment) {
        return fetchToken(processorName, segment.getSegmentId());
    }

    @Override
    public void extendClaim(String processorName, int segment) {
        UpdateResult result = tokens.updateOne(idAnd(processorName, segment, Filters.eq(OWNER, owner)), Updates.set(TIMESTAMP, now()));
        if (result.getMatchedCount() == 0) {
            throw new UnableToClaimTokenException("Unable to extend the claim on token '" + processorName + "["
                    + segment + "]'. It is owned by another node or has been deleted");
        }
    }

    @Override
    public void releaseClaim(String processorName, int segment) {
        tokens.updateOne(idAnd(processorName, segment, Filters.eq(OWNER, owner)),
                Updates.set(OWNER, BsonNull.VALUE));
    }

    @Override
    public void deleteToken(String processorName, int segment) {
        long deleted = tokens.deleteOne(idAnd(processorName, segment, Filters.eq(OWNER, owner))).getDeletedCount();
        if (deleted == 0) {
            throw new UnableToClaimTokenException("Unable to delete token '" + processorName + "[" + segment
                    + "]'. It is not owned by " + owner);
        }
    }

    @Override
    public int[] fetchSegments(String processorName) {
        return tokens.find(Filters.eq(PROCESSOR, processorName)).into(new ArrayList<>()).stream()
                .mapToInt(document -> document.getInt32(SEGMENT).getValue()).sorted().toArray();
    }

    /**
     * The stored token of every segment of a processor (segment → token, null for a segment without one), read
     * without claiming anything: for checks that must not disturb the processors (see TokenAheadOfLogRepair).
     */
    public java.util.SortedMap<Integer, TrackingToken> peekTokens(String processorName) {
        java.util.SortedMap<Integer, TrackingToken> stored = new java.util.TreeMap<>();
        for (BsonDocument document : tokens.find(Filters.eq(PROCESSOR, processorName))) {
            stored.put(document.getInt32(SEGMENT).getValue(), deserialize(document));
        }
        return stored;
    }

    /** Every segment of a processor with its owner and token, read without claiming anything (for status and balancing). */
    @Override
    public List<Claim> claims(String processorName) {
        long expired = clock.millis() - claimTimeout.toMillis();
        List<Claim> claims = new ArrayList<>();
        for (BsonDocument document : tokens.find(Filters.eq(PROCESSOR, processorName)).sort(new BsonDocument(SEGMENT, new BsonInt32(1)))) {
            BsonValue currentOwner = document.get(OWNER);
            String claimedBy = currentOwner == null || currentOwner.isNull() ? null : currentOwner.asString().getValue();
            long renewed = document.getDateTime(TIMESTAMP).getValue();
            claims.add(new Claim(document.getInt32(SEGMENT).getValue(), claimedBy, claimedBy != null && renewed >= expired,
                    deserialize(document), java.time.Instant.ofEpochMilli(renewed)));
        }
        return claims;
    }

    @Override
    public String self() {
        return owner;
    }

    @Override
    public List<Segment> fetchAvailableSegments(String processorName) {
        List<BsonDocument> documents = tokens.find(Filters.eq(PROCESSOR, processorName)).into(new ArrayList<>());
        int[] all = documents.stream().mapToInt(document -> document.getInt32(SEGMENT).getValue()).sorted().toArray();
        long expired = clock.millis() - claimTimeout.toMillis();
        List<Segment> available = new ArrayList<>();
        for (BsonDocument document : documents) {
            BsonValue currentOwner = document.get(OWNER);
            boolean free = currentOwner == null || currentOwner.isNull()
                    || owner.equals(currentOwner.asString().getValue())
                    || document.getDateTime(TIMESTAMP).getValue() < expired;
            if (free) {
                available.add(Segment.computeSegment(document.getInt32(SEGMENT).getValue(), all));
            }
        }
        available.sort((a, b) -> Integer.compare(a.getSegmentId(), b.getSegmentId()));
        return available;
    }

    @Override
    public Optional<String> retrieveStorageIdentifier() {
        try {
            tokens.updateOne(Filters.eq("_id", CONFIG_ID),
                    Updates.setOnInsert("storageIdentifier", UUID.randomUUID().toString()),
                    new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw new UnableToRetrieveIdentifierException("Could not store the storage identifier", e);
            }
        } catch (RuntimeException e) {
            throw new UnableToRetrieveIdentifierException("Could not store the storage identifier", e);
        }
        BsonDocument config = tokens.find(Filters.eq("_id", CONFIG_ID)).first();
        return Optional.ofNullable(config).map(document -> document.getString("storageIdentifier").getValue());
    }

    /** {@code {_id: ..., <condition>}} as one plain document, so the server looks the document up by {@code _id}. */
    private static BsonDocument idAnd(String processorName, int segment, Bson condition) {
        BsonDocument filter = condition.toBsonDocument(BsonDocument.class,
                com.mongodb.MongoClientSettings.getDefaultCodecRegistry()).clone();
        filter.put("_id", new BsonString(id(processorName, segment)));
        return filter;
    }

    private Bson claimable() {
        return Filters.or(Filters.eq(OWNER, owner), Filters.eq(OWNER, null),
                Filters.lt(TIMESTAMP, new BsonDateTime(clock.millis() - claimTimeout.toMillis())));
    }

    private boolean exists(String processorName, int segment) {
        return tokens.find(Filters.eq("_id", id(processorName, segment))).first() != null;
    }

    private BsonDateTime now() {
        return new BsonDateTime(clock.millis());
    }

    private BsonDocument document(String processorName, int segment, TrackingToken token, String claimedBy) {
        BsonDocument serialized = serializedToken(token);
        return new BsonDocument("_id", new BsonString(id(processorName, segment)))
                .append(PROCESSOR, new BsonString(processorName))
                .append(SEGMENT, new BsonInt32(segment))
                .append(TOKEN_TYPE, serialized.get(TOKEN_TYPE))
                .append(TOKEN, serialized.get(TOKEN))
                .append(OWNER, claimedBy == null ? BsonNull.VALUE : new BsonString(claimedBy))
                .append(TIMESTAMP, now());
    }

    private BsonDocument serializedToken(TrackingToken token) {
        if (token == null) {
            return new BsonDocument(TOKEN, BsonNull.VALUE).append(TOKEN_TYPE, BsonNull.VALUE);
        }
        SerializedObject<JsonNode> serialized = serializer.serialize(token, JsonNode.class);
        return new BsonDocument(TOKEN, BsonJson.toBson(serialized.getData()))
                .append(TOKEN_TYPE, new BsonString(serialized.getType().getName()));
    }

    private TrackingToken deserialize(BsonDocument document) {
        BsonValue type = document.get(TOKEN_TYPE);
        if (type == null || type.isNull()) {
            return null;
        }
        return serializer.deserialize(new SimpleSerializedObject<>(BsonJson.toJson(document.get(TOKEN)),
                JsonNode.class, new SimpleSerializedType(type.asString().getValue(), null)));
    }
}
