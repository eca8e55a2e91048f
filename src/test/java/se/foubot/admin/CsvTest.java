package se.foubot.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class CsvTest {

    /** The file as another reader takes it: Commons CSV, RFC 4180, after the byte-order mark. */
    private static List<CSVRecord> read(Csv csv) throws Exception {
        String text = csv.toString();
        assertThat(text).startsWith("\uFEFF");
        return CSVFormat.RFC4180.parse(new StringReader(text.substring(1))).getRecords();
    }

    @Test
    void aFormulaIsTextEvenBehindWhiteSpaceOrCharactersThatShowNothing() throws Exception {
        List<String> formulas = List.of("=HYPERLINK(\"http://example.com/x\";\"x\")", "\u200B=1+1", "\u00A0=1+1", "  @SUM(A1)",
                "\uFEFF+1", "\u2060-1", "\t=1", "\r=1", "-5",
                "\u034F=1+1", "\u3164=1+1", "\u2800=1+1");
        Csv csv = new Csv("cell");
        formulas.forEach(csv::row);
        List<CSVRecord> rows = read(csv);
        for (int i = 0; i < formulas.size(); i++) {
            assertThat(rows.get(i + 1).get(0)).as("row %d", i + 1).isEqualTo("'" + formulas.get(i));
        }
    }

    @Test
    void ordinaryCellsAreKeptAsWrittenQuotedWhereRfc4180AsksForIt() throws Exception {
        List<String> cells = List.of("Hemlöshet bland äldre", "a, b", "sade \"hej\"", "två\r\nrader", "", "x=1", "e-post@stad.se");
        Csv csv = new Csv("cell");
        cells.forEach(csv::row);
        List<CSVRecord> rows = read(csv);
        for (int i = 0; i < cells.size(); i++) {
            assertThat(rows.get(i + 1).get(0)).as("row %d", i + 1).isEqualTo(cells.get(i));
        }
    }
}
