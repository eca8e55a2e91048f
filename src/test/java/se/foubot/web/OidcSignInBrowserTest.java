package se.foubot.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import se.foubot.support.TestClockConfiguration;
import testidp.LocalOpenIdProvider;

/**
 * Sign-in through an OpenID provider (a local Spring Authorization Server) in a real browser: the button, the
 * provider's own login form, and back, with the role from the provider's groups claim or from the configured
 * addresses; someone with neither is told they have no access.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"foubot.store.data-dir=target/test-data/${random.uuid}", "foubot.web.analysts=anna.lind@stockholm.se",
                "foubot.web.oidc.client-id=" + LocalOpenIdProvider.CLIENT_ID,
                "foubot.web.oidc.client-secret=" + LocalOpenIdProvider.CLIENT_SECRET,
                "foubot.web.oidc.coordinator-group=" + LocalOpenIdProvider.COORDINATOR_GROUP,
                "foubot.web.oidc.name=Stadens inloggning"})
@Import(TestClockConfiguration.class)
// a context of its own that no other class shares: closed after the class, so its schedulers stop
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OidcSignInBrowserTest {

    static final ConfigurableApplicationContext PROVIDER = LocalOpenIdProvider.start();

    @LocalServerPort
    int port;

    Browser browser;

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry registry) {
        // "localhost" for the provider, 127.0.0.1 for the bot: two sites, as in real life
        registry.add("foubot.web.oidc.issuer", () -> "http://localhost:" + LocalOpenIdProvider.port(PROVIDER));
    }

    @BeforeAll
    void startBrowser() throws Exception {
        browser = Browser.start();
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        PROVIDER.close();
    }

    @BeforeEach
    void signedOutEverywhere() {
        browser.driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
        browser.consoleErrors();
    }

    @Test
    void aCoordinatorSignsInAtTheProviderAndGetsTheRoleFromTheGroupsClaim() throws Exception {
        browser.driver.get(url("/dashboard"));
        browser.waiting().until(ExpectedConditions.urlContains("/signin"));
        assertThat(browser.driver.findElements(By.id("identifier"))).as("no link form when a provider is configured").isEmpty();
        assertThat(browser.seriousAccessibilityProblems()).isEmpty();
        browser.screenshot("signin-oidc");
        signInAtProvider(LocalOpenIdProvider.COORDINATOR);
        browser.waiting().until(ExpectedConditions.urlContains("127.0.0.1:" + port + "/dashboard"));
        assertThat(browser.driver.findElement(By.cssSelector(".who")).getText()).contains("Kerstin Berg").contains("(samordnare)");
        assertThat(browser.driver.findElement(By.cssSelector("table.waiting")).getText()).doesNotContain("Förfrågan");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void anAnalystIsKnownByTheAddressTheConfigurationNames() {
        browser.driver.get(url("/dashboard/forum"));
        browser.driver.findElement(By.linkText("Logga in med Stadens inloggning")).click();
        signInAtProvider(LocalOpenIdProvider.ANALYST);
        browser.waiting().until(ExpectedConditions.urlContains("127.0.0.1:" + port + "/dashboard"));
        assertThat(browser.driver.findElement(By.cssSelector(".who")).getText()).contains("Anna Lind").contains("(utredare)");
    }

    @Test
    void someoneWithNeitherRoleIsToldTheyHaveNoAccess() {
        browser.driver.get(url("/dashboard"));
        browser.driver.findElement(By.linkText("Logga in med Stadens inloggning")).click();
        signInAtProvider(LocalOpenIdProvider.NOBODY);
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Ingen behörighet"));
        assertThat(browser.driver.getPageSource()).doesNotContain("Uppdrag 20");
        assertThat(browser.seriousAccessibilityProblems()).isEmpty();
    }

    @Test
    void singleUseLinksAreOffWhileAProviderIsConfigured() {
        browser.driver.get(url("/signin/link?token=anything"));
        assertThat(browser.driver.findElement(By.tagName("h1")).getText()).isEqualTo("Sidan finns inte");
    }

    private void signInAtProvider(LocalOpenIdProvider.Person person) {
        if (browser.driver.getCurrentUrl().contains("127.0.0.1:" + port + "/signin")) {
            browser.driver.findElement(By.linkText("Logga in med Stadens inloggning")).click();
        }
        browser.waiting().until(ExpectedConditions.urlContains("localhost:" + LocalOpenIdProvider.port(PROVIDER) + "/login"));
        browser.driver.findElement(By.id("username")).sendKeys(person.username());
        browser.driver.findElement(By.id("password")).sendKeys(person.password());
        browser.driver.findElement(By.cssSelector("button[type=submit]")).click();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
