package se.foubot.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;

import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;

import de.bwaldvogel.mongo.backend.KeyValue;

class KeyValueBytesTest {

    private final KeyValueBytes bytes = KeyValueBytes.make();
    private final Random random = new Random(20261202);

    @Test
    void aOneStringKeyIsWrittenByteForByteAsJavaSerialisationWritesIt() {
        assertThat(bytes.usesTemplate()).as("the template passed its own check on this runtime").isTrue();
        for (int i = 0; i < 5000; i++) {
            String text = randomText(i % 50 == 0 ? 1000 + random.nextInt(20_000) : random.nextInt(60));
            assertThat(bytes.serialize(new KeyValue(text))).as("%s", text).isEqualTo(ObjectDataType.serialize(new KeyValue(text)));
        }
    }

    @Test
    void aOneStringKeyIsReadBackAsJavaSerialisationReadsIt() {
        for (int i = 0; i < 5000; i++) {
            String text = randomText(i % 50 == 0 ? 1000 + random.nextInt(20_000) : random.nextInt(60));
            byte[] stock = ObjectDataType.serialize(new KeyValue(text));
            assertThat(bytes.deserialize(stock)).as("%s", text).isEqualTo(ObjectDataType.deserialize(stock))
                    .isEqualTo(new KeyValue(text));
        }
    }

    @Test
    void bytesThatAreNotTheTemplateAroundOneStringAreReadTheStockWayOrRefusedAsItRefusesThem() {
        for (KeyValue key : List.of(new KeyValue("å".repeat(30_000)), new KeyValue("FOU", 7), new KeyValue(7), new KeyValue(7L),
                new KeyValue("a", "a"), new KeyValue((Object) null))) {
            byte[] stock = ObjectDataType.serialize(key);
            assertThat(bytes.deserialize(stock)).isEqualTo(ObjectDataType.deserialize(stock));
        }
        // a template whose string is damaged: each changed byte gives what the stock reader gives, or the same refusal
        byte[] good = ObjectDataType.serialize(new KeyValue("FOU-2026-0001 åäö –"));
        for (int at = 0; at < good.length; at++) {
            for (int value : new int[] {0x00, 0x7F, 0x80, 0xC0, 0xE0, 0xF0, 0xFF}) {
                byte[] damaged = good.clone();
                damaged[at] = (byte) value;
                Object stock;
                try {
                    stock = ObjectDataType.deserialize(damaged);
                } catch (RuntimeException refused) {
                    stock = refused.getClass();
                }
                Object ours;
                try {
                    ours = bytes.deserialize(damaged);
                } catch (RuntimeException refused) {
                    ours = refused.getClass();
                }
                assertThat(ours).as("byte %d set to %02x", at, value).isEqualTo(stock);
            }
        }
    }

    @Test
    void aStringTooLongForTcStringAndKeysOfOtherShapesGoTheStockWay() {
        String wide = "å".repeat(30_000); // two bytes each in modified UTF-8: beyond TC_STRING's 65,535 bytes
        String wider = "–".repeat(25_000); // three bytes each
        for (KeyValue key : List.of(new KeyValue(wide), new KeyValue(wider), new KeyValue("FOU", 7), new KeyValue(7),
                new KeyValue(7L), new KeyValue("a", "a"), new KeyValue((Object) null))) {
            assertThat(bytes.serialize(key)).isEqualTo(ObjectDataType.serialize(key));
        }
    }

    @Test
    void aKeyWhoseValuesAreHeldInAnotherListThanTheLibrarysIsWrittenAsItsOwnSerialisationSays() throws Exception {
        // as a key read back from a file that another version of the library wrote might be
        KeyValue key = new KeyValue("FOU-2026-0001");
        java.lang.reflect.Field values = KeyValue.class.getDeclaredField("values");
        values.setAccessible(true);
        values.set(key, new java.util.LinkedList<>(List.of("FOU-2026-0001")));
        assertThat(bytes.serialize(key)).isEqualTo(ObjectDataType.serialize(key))
                .isNotEqualTo(ObjectDataType.serialize(new KeyValue("FOU-2026-0001")));
    }

    /** Any char: ASCII, Swedish letters, dashes and spaces from Word, NUL, lone and paired surrogates, the BMP's top. */
    private String randomText(int length) {
        StringBuilder s = new StringBuilder(length);
        String common = "åäöÅÄÖ–—#@.:-_ \u00a0\u2011\u0000";
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(4)) {
                case 0 -> s.append((char) (0x20 + random.nextInt(0x5F)));
                case 1 -> s.append(common.charAt(random.nextInt(common.length())));
                case 2 -> s.appendCodePoint(0x1F600 + random.nextInt(80));
                default -> s.append((char) random.nextInt(0x10000));
            }
        }
        return s.toString();
    }
}
