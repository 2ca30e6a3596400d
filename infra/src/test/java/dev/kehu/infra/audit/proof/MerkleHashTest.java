package dev.kehu.infra.audit.proof;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/** RFC 6962 tree hashes against the Certificate Transparency test vectors, and consistency proofs. */
class MerkleHashTest {

    private static final HexFormat HEX = HexFormat.of();
    /** The eight leaves of the Certificate Transparency reference tests. */
    private static final String[] LEAVES = {"", "00", "10", "2021", "3031", "40414243", "5051525354555657",
            "606162636465666768696a6b6c6d6e6f"};
    /** Their roots for 1..8 leaves. */
    private static final String[] ROOTS = {
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};

    @Test
    void computesTheCertificateTransparencyReferenceRoots() {
        List<byte[]> leaves = new ArrayList<>();
        for (String leaf : LEAVES) {
            leaves.add(MerkleHash.leaf(HEX.parseHex(leaf)));
        }
        for (int n = 1; n <= 8; n++) {
            assertThat(HEX.formatHex(MerkleHash.root(leaves, 0, n))).as("root of %d leaves", n).isEqualTo(ROOTS[n - 1]);
        }
        assertThat(HEX.formatHex(MerkleHash.emptyRoot()))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void everyConsistencyProofVerifiesAndNoAlteredOneDoes() {
        Random random = new Random(6962);
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            byte[] data = new byte[32];
            random.nextBytes(data);
            leaves.add(MerkleHash.leaf(data));
        }
        MerkleHash.Subtrees tree = (lo, hi) -> MerkleHash.root(leaves, (int) lo, (int) hi);
        for (int n = 1; n <= leaves.size(); n++) {
            byte[] newRoot = tree.root(0, n);
            for (int m = 1; m <= n; m++) {
                byte[] oldRoot = tree.root(0, m);
                List<byte[]> proof = MerkleHash.consistencyProof(m, n, tree);
                assertThat(MerkleHash.verifyConsistency(m, n, oldRoot, newRoot, proof)).as("m=%d n=%d", m, n).isTrue();
                byte[] wrongOld = oldRoot.clone();
                wrongOld[0] ^= 1;
                assertThat(MerkleHash.verifyConsistency(m, n, wrongOld, newRoot, proof)).isFalse();
                if (!proof.isEmpty()) {
                    List<byte[]> altered = new ArrayList<>(proof);
                    byte[] element = altered.get(altered.size() - 1).clone();
                    element[31] ^= 1;
                    altered.set(altered.size() - 1, element);
                    assertThat(MerkleHash.verifyConsistency(m, n, oldRoot, newRoot, altered))
                            .as("altered proof m=%d n=%d", m, n).isFalse();
                }
            }
        }
    }

    @Test
    void aProofDoesNotHoldForALogThatDiffersInAnEarlierLeaf() {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            leaves.add(MerkleHash.leaf(new byte[]{(byte) i}));
        }
        List<byte[]> rewritten = new ArrayList<>(leaves);
        rewritten.set(3, MerkleHash.leaf(new byte[]{99}));
        byte[] oldRoot = MerkleHash.root(leaves, 0, 10);
        MerkleHash.Subtrees tree = (lo, hi) -> MerkleHash.root(rewritten, (int) lo, (int) hi);
        assertThat(MerkleHash.verifyConsistency(10, 20, oldRoot, tree.root(0, 20),
                MerkleHash.consistencyProof(10, 20, tree))).isFalse();
    }
}
