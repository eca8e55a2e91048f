package se.foubot.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;

import se.foubot.channels.email.EmbeddedMailServer;
import se.foubot.channels.email.OutboxSender;
import se.foubot.cli.DemoDataCommand;
import se.foubot.forum.ForumService;
import se.foubot.grants.GrantSubscriptions;
import se.foubot.support.MutableClock;
import se.foubot.support.TestClockConfiguration;
import se.foubot.support.TestMail;
import se.foubot.tasks.TaskFigures;

/**
 * The staff web in a real browser (Debian's headless Chromium) against the running bot filled with the demo year:
 * staff sign in with a link from their mailbox, every page draws its charts without a script error, every CSV link
 * downloads its export, the year and the filters change without a reload, the role rules hold, axe-core finds no
 * serious accessibility problem, and each page is kept as a screenshot under target/screenshots.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"foubot.store.data-dir=target/test-data/${random.uuid}", "foubot.web.analysts=anna.lind@stockholm.se",
                "foubot.web.coordinators=kerstin.berg@stockholm.se"})
@Import(TestClockConfiguration.class)
// a context of its own that no other class shares: closed after the class, so its schedulers stop
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaffWebBrowserTest {

    private static final String ANALYST = "anna.lind@stockholm.se";
    private static final String COORDINATOR = "kerstin.berg@stockholm.se";
    private static final List<String> PAGES = List.of("/dashboard", "/dashboard/forum", "/dashboard/grants");

    @LocalServerPort
    int port;

    @Autowired
    TaskFigures taskFigures;

    @Autowired
    ForumService forum;

    @Autowired
    GrantSubscriptions subscriptions;

    @Autowired
    MutableClock clock;

    @Autowired
    OutboxSender outbox;

    @Autowired
    EmbeddedMailServer mail;

    @Autowired
    ConfigurableApplicationContext context;

    Browser browser;
    String demo;

    /** The bot as a new user has it after `java -jar fou-bot.jar demo-data`. */
    @BeforeAll
    void demoYearAndBrowser() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(DemoDataCommand.fill(context, clock::set, TestClockConfiguration.START, new PrintStream(out, true, StandardCharsets.UTF_8)))
                .isZero();
        demo = out.toString(StandardCharsets.UTF_8);
        browser = Browser.start();
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void theDemoYearIsAYearOfSupportForumAndGrants() {
        assertThat(demo).contains("förfrågningar").contains("3 FoU-forum").contains("bevakare av LUM/MUL");
        assertThat(clock.instant()).isEqualTo(TestClockConfiguration.START);
        assertThat(taskFigures.createdIn(null)).hasSizeBetween(200, 400);
        assertThat(taskFigures.byDistrict(2026)).hasSize(14);
        assertThat(taskFigures.unclaimed()).isNotEmpty();
        assertThat(forum.all()).hasSize(3);
        assertThat(subscriptions.all()).hasSizeGreaterThan(40);
    }

    @Test
    void anAnalystSignsInWithALinkAndEveryPageDrawsItsChartsWithoutErrors() throws Exception {
        signInWithLink(ANALYST);
        for (String page : PAGES) {
            open(page);
            List<Object> canvases = (List<Object>) browser.script("return [...document.querySelectorAll('canvas[data-chart]')]"
                    + ".map(c => Chart.getChart(c) ? Chart.getChart(c).data.datasets.length : -1)");
            assertThat(canvases).as(page + ": charts").isNotEmpty().allSatisfy(n -> assertThat(((Number) n).intValue()).isPositive());
            assertThat(browser.consoleErrors()).as(page + ": console errors").isEmpty();
            assertThat(browser.seriousAccessibilityProblems()).as(page + ": axe-core").isEmpty();
            browser.screenshot(page.equals("/dashboard") ? "dashboard" : page.substring("/dashboard/".length()));
        }
        open("/dashboard");
        browser.screenshot("dashboard-top", 1500);
    }

    @Test
    void theSignInPagesAreAccessibleToo() throws Exception {
        browser.driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
        browser.driver.get(url("/signin"));
        assertThat(browser.seriousAccessibilityProblems()).as("/signin: axe-core").isEmpty();
        browser.screenshot("signin");
        browser.driver.get(url("/signin/link?token=" + "x".repeat(43)));
        assertThat(browser.seriousAccessibilityProblems()).as("/signin/link: axe-core").isEmpty();
        browser.driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        browser.waiting().until(ExpectedConditions.urlContains("/signin?invalid"));
        assertThat(browser.driver.findElement(By.cssSelector("[role=alert]")).getText()).contains("redan använd eller för gammal");
        assertThat(browser.seriousAccessibilityProblems()).as("/signin?invalid: axe-core").isEmpty();
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void everyCsvLinkDownloadsItsExportThroughTheSignedInSession() throws Exception {
        signInWithLink(COORDINATOR);
        List<String> checked = new ArrayList<>();
        for (String page : PAGES) {
            open(page);
            for (WebElement link : browser.driver.findElements(By.cssSelector("a[data-csv]"))) {
                String href = link.getDomAttribute("href");
                Map<String, Object> r = fetch(href);
                assertThat(r.get("status")).as(href).isEqualTo(200L);
                assertThat((String) r.get("type")).as(href).startsWith("text/csv");
                assertThat((String) r.get("firstLine")).as(href).matches("\uFEFF?[a-z_]+(,[a-z_]+)+");
                checked.add(href);
            }
        }
        assertThat(checked).anyMatch(h -> h.contains("tasks.csv")).anyMatch(h -> h.contains("task-times.csv"))
                .anyMatch(h -> h.contains("forum-attendance.csv")).anyMatch(h -> h.contains("attendees.csv"))
                .anyMatch(h -> h.contains("grant-subscribers.csv")).anyMatch(h -> h.contains("grant-reminders.csv"));

        // and a click saves the file, as for a person, named for its year (helper 121: every year's was "tasks.csv")
        open("/dashboard/grants");
        Path saved = browser.downloads.resolve("grant-subscribers-2026.csv");
        Files.deleteIfExists(saved);
        browser.driver.findElement(By.cssSelector("a[href*='grant-subscribers.csv']")).click();
        browser.waiting().until(d -> Files.exists(saved));
        assertThat(Files.readString(saved)).startsWith("\uFEFFyear,district,programme,subscribers").contains("2026,bromma,");
    }

    @Test
    void theYearAndTheFiltersChangeTheFiguresWithoutReloadingThePage() {
        signInWithLink(ANALYST);
        open("/dashboard");
        browser.script("window.sameDocument = true");
        new Select(browser.driver.findElement(By.id("filter-district"))).selectByVisibleText("Skarpnäck");
        browser.driver.findElement(By.cssSelector("#per-month form button")).click();
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#per-month .scope"), "Skarpnäck"));
        assertThat(browser.script("return window.sameDocument")).isEqualTo(true);
        assertThat(browser.script("return Chart.getChart(document.querySelector('#per-month canvas')) !== undefined")).isEqualTo(true);
        // helper 121: the address bar says the filter, as the whole page's address, not the figure's
        browser.waiting().until(d -> d.getCurrentUrl().contains("district=skarpnack"));
        assertThat(browser.driver.getCurrentUrl()).doesNotContain("per-month");

        new Select(browser.driver.findElement(By.id("year"))).selectByValue("2025");
        browser.driver.findElement(By.cssSelector(".year-selector button[type=submit]")).click();
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "2025"));
        assertThat(browser.script("return window.sameDocument")).isEqualTo(true);
        assertThat(browser.driver.getCurrentUrl()).contains("year=2025").contains("district=skarpnack");
        assertThat(browser.driver.findElement(By.cssSelector("#per-month .scope")).getText()).contains("Skarpnäck");
        // the charts swapped out went with their canvases: one chart per canvas on the page, not one per visit
        assertThat(browser.script("return Object.keys(Chart.instances).length"))
                .isEqualTo(browser.script("return document.querySelectorAll('canvas[data-chart]').length"));
        assertThat(browser.consoleErrors()).isEmpty();

        // a reload keeps the filter, chosen in its list
        browser.driver.navigate().refresh();
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#per-month .scope"), "Skarpnäck"));
        assertThat(new Select(browser.driver.findElement(By.id("filter-district"))).getFirstSelectedOption().getText())
                .isEqualTo("Skarpnäck");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void analystsReadTheRequestsThatWaitButNotTheForumsAttendeeLists() {
        signInWithLink(ANALYST);
        open("/dashboard");
        String oldest = taskFigures.unclaimed().get(0).concern();
        assertThat(browser.driver.findElement(By.cssSelector("table.waiting")).getText()).contains("Förfrågan").contains(oldest);
        open("/dashboard/forum");
        assertThat(browser.driver.findElements(By.cssSelector("a[href*='attendees.csv']"))).isEmpty();
        String meeting = forum.all().get(0).id();
        assertThat(fetch("/dashboard/exports/forum/" + meeting + "/attendees.csv").get("status")).isEqualTo(403L);
    }

    @Test
    void coordinatorsSeeTheFiguresAndAttendeeListsButNoRequestText() {
        signInWithLink(COORDINATOR);
        open("/dashboard");
        String page = browser.driver.getPageSource();
        assertThat(browser.driver.findElement(By.cssSelector("table.waiting")).getText()).doesNotContain("Förfrågan");
        assertThat(taskFigures.unclaimed()).isNotEmpty().allSatisfy(u -> assertThat(page).doesNotContain(u.concern()));
        open("/dashboard/forum");
        assertThat(browser.driver.findElements(By.cssSelector("a[href*='attendees.csv']"))).hasSize(3);
    }

    @Test
    void thePrintedPageIsTheFiguresAndTheirTablesWithoutTheNavigation() throws Exception {
        signInWithLink(ANALYST);
        open("/dashboard");
        browser.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        try {
            assertThat(browser.script("return getComputedStyle(document.querySelector('.site-header nav')).display")).isEqualTo("none");
            assertThat(browser.script("return getComputedStyle(document.querySelector('.year-selector')).display")).isEqualTo("none");
            assertThat(browser.script("return getComputedStyle(document.querySelector('table')).display")).isEqualTo("table");
            browser.screenshot("dashboard-print");
        } finally {
            browser.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
        }
    }

    // --- helpers

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private void open(String path) {
        browser.driver.get(url(path));
        browser.waiting().until(d -> Boolean.TRUE.equals(browser.script(
                "return document.readyState === 'complete' && [...document.querySelectorAll('canvas[data-chart]')]"
                        + ".every(c => c.dataset.drawn === 'true')")));
    }

    /** Signs in as a person would: asks for a link, opens it from the mail, presses the button. */
    private void signInWithLink(String address) {
        browser.driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
        browser.consoleErrors();
        browser.driver.get(url("/dashboard"));
        browser.waiting().until(ExpectedConditions.urlContains("/signin"));
        browser.driver.findElement(By.id("identifier")).sendKeys(address);
        browser.driver.findElement(By.cssSelector("form.stacked button[type=submit]")).click();
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"), "inloggningslänk"));
        while (outbox.sendDue() > 0) {
            // the outbox sends in batches
        }
        List<MimeMessage> inbox = new TestMail(mail).inboxOf(address, "Inloggning till FoU-webben");
        assertThat(inbox).isNotEmpty();
        Matcher link = Pattern.compile("/signin/link\\?token=([A-Za-z0-9_-]{40,})").matcher(text(inbox.get(inbox.size() - 1)));
        assertThat(link.find()).as("a sign-in link in the mail").isTrue();
        browser.driver.get(url("/signin/link?token=" + link.group(1)));
        browser.driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        browser.waiting().until(ExpectedConditions.urlContains("/dashboard"));
        assertThat(browser.driver.findElement(By.cssSelector(".who")).getText()).contains(address);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> fetch(String href) {
        return (Map<String, Object>) browser.asyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0], {credentials: 'same-origin', redirect: 'manual'})
                  .then(r => r.text().then(t => done({status: r.status, type: r.headers.get('content-type') || '',
                                                     firstLine: t.split('\\r\\n')[0]})))
                  .catch(e => done({status: -1, type: String(e), firstLine: ''}));
                """, href);
    }

    private static String text(MimeMessage m) {
        try {
            Object content = m.getContent();
            return content instanceof Multipart mp ? String.valueOf(mp.getBodyPart(0).getContent()) : String.valueOf(content);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
