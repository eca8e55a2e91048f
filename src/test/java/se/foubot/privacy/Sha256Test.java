package se.foubot.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The one digest: checked against the published test vectors (FIPS 180-2), not against the JDK it calls. */
class Sha256Test {

    @Test
    void digestsMatchThePublishedTestVectors() {
        assertThat(Sha256.hex("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Sha256.hex("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(Sha256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))
                .isEqualTo("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    }

    @Test
    void textIsDigestedAsUtf8SoAKeyIsTheSameOnEveryMachine() {
        assertThat(Sha256.hex("Åsa Öberg")).isEqualTo(Sha256.hex("Åsa Öberg".getBytes(StandardCharsets.UTF_8)));
        assertThat(Sha256.of("å")).hasSize(32).isNotEqualTo(Sha256.of("å".getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void aDigestGivenInPiecesEqualsTheDigestOfTheWhole() {
        var pieces = Sha256.digest();
        pieces.update("ab".getBytes(StandardCharsets.UTF_8));
        pieces.update("c".getBytes(StandardCharsets.UTF_8));
        assertThat(java.util.HexFormat.of().formatHex(pieces.digest())).isEqualTo(Sha256.hex("abc"));
    }
}
