package se.foubot.knowledgegaps.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;

import org.junit.jupiter.api.Test;

import se.foubot.knowledgegaps.KnowledgeGapBot;

/** The staff web's page of the inventory: only for the signed in, in the navigation, and polite about a round that is not there. */
class KnowledgeGapsPageTest extends KnowledgeGapBot {

    @Test
    void thePageAndItsExportAreForSignedInStaffOnly() throws Exception {
        HttpClient visitor = browser();
        for (String path : new String[] {"/dashboard/knowledge-gaps", "/dashboard/exports/knowledge-gaps.csv?round=kl-2027"}) {
            var r = page(visitor, path);
            assertThat(r.statusCode()).as(path).isEqualTo(302);
            assertThat(r.headers().firstValue("Location").orElse("")).as(path).endsWith("/signin");
        }
    }

    @Test
    void aSignedInCoordinatorFindsThePageInTheNavigationAndIsToldWhenARoundIsNotThere() throws Exception {
        HttpClient browser = browser();
        signInAsCoordinator(browser);
        assertThat(page(browser, "/dashboard").body()).contains("href=\"/dashboard/knowledge-gaps\"").contains(">Kunskapsluckor<");
        var page = page(browser, "/dashboard/knowledge-gaps?round=kl-1999");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>Kunskapsluckor och utmaningar</h1>")
                .containsAnyOf("Det finns ingen inventering med det namnet", "Ingen inventering har öppnats än");
        // the export says what it did not find, or what it needs (helper 121: an empty 404, and a bare 400)
        var export = page(browser, "/dashboard/exports/knowledge-gaps.csv?round=kl-1999");
        assertThat(export.statusCode()).isEqualTo(404);
        assertThat(export.body()).contains("Det finns ingen inventering som heter kl-1999.");
        var noRound = page(browser, "/dashboard/exports/knowledge-gaps.csv");
        assertThat(noRound.statusCode()).isEqualTo(400);
        assertThat(noRound.body()).contains("Ange vilken inventering, till exempel ?round=kl-2027.");
    }
}
