package dev.kehu.infra.audit.proof;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Merkle tree hash of RFC 6962 (Certificate Transparency), section 2.1: leaf = SHA-256(0x00 || data),
 * node = SHA-256(0x01 || left || right), a tree of n leaves split at the largest power of two below n; consistency
 * proofs (2.1.2) and their check (the algorithm of RFC 9162, 2.1.4.2). Written here because it is forty lines and
 * the Java libraries that have it (Trillian clients, sigstore) bring far more than we need.
 */
public final class MerkleHash {

    private MerkleHash() {
    }

    /** The root of leaves [lo, hi) of a tree, however it is stored (0-based leaf indices, hi > lo). */
    public interface Subtrees {
        byte[] root(long lo, long hi);
    }

    public static byte[] leaf(byte[] data) {
        MessageDigest sha = sha256();
        sha.update((byte) 0x00);
        sha.update(data);
        return sha.digest();
    }

    public static byte[] node(byte[] left, byte[] right) {
        MessageDigest sha = sha256();
        sha.update((byte) 0x01);
        sha.update(left);
        sha.update(right);
        return sha.digest();
    }

    /** The root of an empty tree: SHA-256 of nothing. */
    public static byte[] emptyRoot() {
        return sha256().digest();
    }

    /** The largest power of two strictly below n (n at least 2). */
    public static long split(long n) {
        return Long.highestOneBit(n - 1);
    }

    /** The root over leaf hashes [lo, hi) of an in-memory list (the definition, recursively). */
    public static byte[] root(List<byte[]> leafHashes, int lo, int hi) {
        if (hi - lo == 1) {
            return leafHashes.get(lo);
        }
        int k = (int) split(hi - lo);
        return node(root(leafHashes, lo, lo + k), root(leafHashes, lo + k, hi));
    }

    /** PROOF(m, D[n]) of RFC 6962 2.1.2, for 0 < m <= n: the hashes that show the first m leaves are a prefix. */
    public static List<byte[]> consistencyProof(long m, long n, Subtrees tree) {
        if (m < 1 || m > n) {
            throw new IllegalArgumentException("need 0 < m <= n, got m=" + m + ", n=" + n);
        }
        List<byte[]> proof = new ArrayList<>();
        subproof(m, 0, n, true, tree, proof);
        return proof;
    }

    private static void subproof(long m, long lo, long hi, boolean complete, Subtrees tree, List<byte[]> proof) {
        long n = hi - lo;
        if (m == n) {
            if (!complete) {
                proof.add(tree.root(lo, hi));
            }
            return;
        }
        long k = split(n);
        if (m <= k) {
            subproof(m, lo, lo + k, complete, tree, proof);
            proof.add(tree.root(lo + k, hi));
        } else {
            subproof(m - k, lo + k, hi, false, tree, proof);
            proof.add(tree.root(lo, lo + k));
        }
    }

    /** Whether {@code proof} shows that the tree of m leaves with {@code oldRoot} is a prefix of n with {@code newRoot}. */
    public static boolean verifyConsistency(long m, long n, byte[] oldRoot, byte[] newRoot, List<byte[]> proof) {
        if (m < 1 || m > n) {
            return false;
        }
        if (m == n) {
            return proof.isEmpty() && Arrays.equals(oldRoot, newRoot);
        }
        List<byte[]> path = new ArrayList<>(proof);
        if (Long.bitCount(m) == 1) {
            path.add(0, oldRoot);
        }
        if (path.isEmpty()) {
            return false;
        }
        long fn = m - 1;
        long sn = n - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = node(c, fr);
                sr = node(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = node(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(fr, oldRoot) && Arrays.equals(sr, newRoot);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the JDK", e);
        }
    }
}
