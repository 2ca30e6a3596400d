package dev.kehu.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import dev.kehu.infra.security.TestUsers;

/**
 * The web console (issue 21) in headless Chromium against the whole application: sign in, type 张伟 in pinyin and
 * open the customer from the results, read the timeline, pick an earlier moment and see the earlier credit limit,
 * verify the hash chain, export the timeline, open an opportunity and the projections page; the browser's console
 * shows no error. Screenshots of each page go to {@code target/console-screenshots/}; the round trip of every
 * keystroke (request sent → results drawn) is printed and written beside them ({@code keystrokes.json}).
 */
class ConsoleBrowserTest extends WholeApplicationTest {

    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final String AUDITOR = "王芳";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path temp;
    Api api;
    ChromeDriver browser;
    WebDriverWait wait;
    String zhangWei;
    String company;
    String opportunityId;
    Instant betweenTheLimits;

    @BeforeEach
    void signIn() {
        api = Api.signedIn(port, context, "李娜");
    }

    /** Runs without Chromium too: the files are served without credentials and with their policy, the API is not. */
    @Test
    void theConsoleFilesNeedNoCredentialsButEveryApiCallDoes() throws Exception {
        HttpResponse<String> redirect = anonymous("/console");
        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(redirect.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/console/"));
        HttpResponse<String> page = anonymous("/console/");
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("script-src 'self'").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        assertThat(page.body()).contains("<script type=\"module\" src=\"js/app.js\"></script>")
                .as("no inline script or handler").doesNotContainPattern("<script(?![^>]*\\bsrc=)")
                .doesNotContainPattern("\\son[a-z]+=");
        Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath:static/console/**/*.*");
        assertThat(files).hasSizeGreaterThanOrEqualTo(10);
        for (Resource file : files) {
            String path = file.getURL().toString().replaceFirst("^.*/static/", "/");
            HttpResponse<String> served = anonymous(path);
            assertThat(served.statusCode()).as(path).isEqualTo(200);
            assertThat(served.body()).as(path).isEqualTo(file.getContentAsString(StandardCharsets.UTF_8));
            assertThat(served.headers().firstValue("Content-Security-Policy")).as(path).contains(policy);
            if (path.endsWith(".js")) {
                assertThat(served.headers().firstValue("Content-Type").orElseThrow())
                        .as("ES modules need a JavaScript type: " + path).startsWith("text/javascript");
                assertThat(served.body()).as(path).doesNotContainPattern("\\.innerHTML\\s*=").doesNotContain("eval(");
            }
        }
        HttpResponse<String> me = anonymous("/api/me");
        assertThat(me.statusCode()).isEqualTo(401);
        assertThat(me.body()).contains("\"code\":\"unauthorized\"");
        assertThat(anonymous("/api/search/customers?q=zhangwei").statusCode()).isEqualTo(401);
        assertThat(anonymous("/console/../api/me").statusCode()).isIn(400, 401, 404);
    }

    private HttpResponse<String> anonymous(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void anAuditorFindsZhangWeiByPinyinReadsHisTimelineAndSeesHisEarlierCreditLimit() throws Exception {
        Chromium.assumeAvailable();
        seedAndStart();
        browser.get("http://127.0.0.1:" + port + "/console/");
        WebElement user = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-user")));
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).as("follows navigator.language").isEqualTo("zh-CN");
        assertThat(browser.findElement(By.cssSelector("label[for=signin-user]")).getText()).isEqualTo("用户名");
        screenshot("1-sign-in");

        // a wrong password: the page says so and stays on sign-in (the browser logs the 401: read and dropped below)
        user.sendKeys(AUDITOR);
        browser.findElement(By.id("signin-password")).sendKeys("not the password", Keys.ENTER);
        wait.until(ExpectedConditions.textToBe(By.id("signin-message"), "登录失败：用户名或密码不正确。"));
        assertThat(Chromium.errors(browser)).allMatch(e -> e.contains("401"));

        browser.findElement(By.id("signin-password")).clear();
        browser.findElement(By.id("signin-password")).sendKeys(TestUsers.password(AUDITOR), Keys.ENTER);
        WebElement box = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("search-box")));
        assertThat(browser.findElement(By.id("who")).getText()).isEqualTo(AUDITOR);

        List<Long> roundTrips = typeAndMeasure(box, "zhangwei");
        WebElement hit = wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("li[data-customer-id='" + zhangWei + "'] a.hit")));
        assertThat(hit.getText()).isEqualTo("张伟");
        WebElement firmHit = browser.findElement(By.cssSelector("li[data-customer-id='" + company + "']"));
        assertThat(firmHit.findElement(By.cssSelector(".contacts")).getText()).contains("张伟").contains("采购总监");
        assertThat(browser.findElement(By.id("search-facets")).getText()).contains("华东 East China");
        screenshot("2-search");
        for (String query : List.of("张伟", "zw", "139 1234", "West Lake")) {
            box.clear();
            roundTrips.addAll(typeAndMeasure(box, query));
        }
        assertThat(browser.findElement(By.id("search-results")).getText()).contains("杭州西湖茶叶有限公司");
        assertThat(browser.findElements(By.cssSelector("#search-results mark"))).isNotEmpty();
        report(roundTrips, apiRoundTrips(List.of("zhangwei", "张伟", "zw", "139 1234", "West Lake")));
        box.clear();
        typeAndMeasure(box, "zhangwei");

        // keyboard: Tab order reaches the result, Enter opens it
        WebElement link = wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("li[data-customer-id='" + zhangWei + "'] a.hit")));
        link.sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.textToBe(By.id("customer-name"), "张伟"));
        assertThat(browser.findElement(By.id("credit-limit")).getText()).isEqualTo("800,000.00 CNY");
        WebElement timeline = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#timeline[data-loaded]")));
        List<WebElement> entries = timeline.findElements(By.cssSelector(":scope > li"));
        assertThat(entries).extracting(e -> e.getAttribute("data-type"))
                .containsSubsequence("CustomerRegistered", "CreditLimitSet", "CreditLimitSet");
        WebElement raised = entries.stream().filter(e -> e.getText().contains("800,000.00 CNY")).findFirst().orElseThrow();
        assertThat(raised.findElement(By.className("actor")).getText()).isEqualTo("alice");
        assertThat(raised.findElement(By.className("reason")).getText()).isEqualTo("raised after prompt payment 按时回款");
        assertThat(raised.findElement(By.className("changes")).getText()).contains("500,000.00 CNY → 800,000.00 CNY");
        screenshot("3-customer");

        new Select(browser.findElement(By.id("timeline-kind"))).selectByValue("CreditLimitSet");
        wait.until(d -> d.findElements(By.cssSelector("#timeline > li")).size() == 2);
        assertThat(browser.findElements(By.cssSelector("#timeline > li"))).allMatch(e -> "CreditLimitSet".equals(e.getAttribute("data-type")));

        browser.findElement(By.id("timeline-export")).click();
        Path csv = wait.until(d -> downloaded());
        String exported = Files.readString(csv, StandardCharsets.UTF_8);
        assertThat(exported).contains("CreditLimitSet").contains("alice").contains("800,000.00 CNY").doesNotContain("CustomerRegistered");

        // pick a moment between the two limits: the 360 view as it was then
        WebElement asOf = browser.findElement(By.id("as-of"));
        browser.executeScript("const d = new Date(arguments[1]); const p = n => String(n).padStart(2, '0');"
                + "arguments[0].value = `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;"
                + "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", asOf, betweenTheLimits.toEpochMilli());
        browser.findElement(By.id("as-of-show")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("as-of-banner")));
        wait.until(ExpectedConditions.textToBe(By.id("credit-limit"), "500,000.00 CNY"));
        screenshot("4-customer-as-of");

        browser.findElement(By.id("verify")).click();
        WebElement verified = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#verify-result.ok")));
        assertThat(verified.getText()).matches("哈希链完整：已校验 [0-9]+ 个事件。");
        assertThat(Integer.parseInt(verified.getText().replaceAll("[^0-9]", ""))).isEqualTo(3);

        // the language switch, remembered across a reload
        new Select(browser.findElement(By.id("lang"))).selectByValue("en");
        wait.until(ExpectedConditions.textToBe(By.cssSelector("label[for=as-of]"), "As of"));
        browser.navigate().refresh();
        wait.until(ExpectedConditions.textToBe(By.id("verify"), "Verify hash chain"));
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");

        browser.get("http://127.0.0.1:" + port + "/console/#/opportunity/" + opportunityId);
        wait.until(ExpectedConditions.textToBe(By.id("opportunity-title"), "家庭理财 wealth plan"));
        assertThat(browser.findElements(By.cssSelector("#stage-path li"))).extracting(WebElement::getText)
                .containsExactly("线索", "需求确认", "方案报价");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#timeline[data-loaded]")));
        assertThat(browser.findElements(By.cssSelector("#timeline > li"))).extracting(e -> e.getAttribute("data-type"))
                .contains("OpportunityOpened", "OpportunityStageChanged");
        screenshot("5-opportunity");

        browser.findElement(By.id("nav-projections")).click();
        WebElement rows = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#projection-rows tr[data-group]")));
        assertThat(browser.findElements(By.cssSelector("#projection-rows tr[data-group]"))).extracting(e -> e.getAttribute("data-group"))
                .contains("customer-360", "customer-search");
        assertThat(rows.findElement(By.className("lag")).getText()).matches("[0-9]+");
        screenshot("6-projections");

        assertThat(Chromium.errors(browser)).as("the browser console").isEmpty();
    }

    private void seedAndStart() throws Exception {
        Api.Response person = api.post("/api/customers", Map.of("kind", "INDIVIDUAL", "chineseName", "张伟",
                "latinName", "Zhang Wei", "mobile", "139-1234-5678", "region", "华东 East China"));
        assertThat(person.status()).as(person.toString()).isEqualTo(201);
        zhangWei = person.body().get("id").asString();
        Api.Response firm = api.post("/api/customers", Map.of("kind", "COMPANY", "chineseName", "杭州西湖茶叶有限公司",
                "latinName", "Hangzhou West Lake Tea Co., Ltd.", "creditCode", creditCode(), "region", "华东 East China"));
        assertThat(firm.status()).as(firm.toString()).isEqualTo(201);
        company = firm.body().get("id").asString();
        assertThat(api.post("/api/customers/" + company + "/contacts", Map.of("name", "张伟", "title", "采购总监",
                "phones", List.of("0571-8888 6666"))).status()).isEqualTo(201);

        limit("500000.00", "李娜", "年度授信 annual review");
        Thread.sleep(1_500);
        betweenTheLimits = Instant.now();
        Thread.sleep(1_500);
        limit("800000.00", "alice", "raised after prompt payment 按时回款");
        Api.Response opened = api.post("/api/opportunities", Map.of("customerId", zhangWei,
                "title", "家庭理财 wealth plan", "amount", "300000.00", "currency", "CNY",
                "expectedCloseDate", "2027-06-30", "ownerId", "李娜"));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        opportunityId = opened.body().get("id").asString();
        long position = 0;
        for (String stage : List.of("QUALIFICATION", "PROPOSAL")) {
            Api.Response moved = api.post("/api/opportunities/" + opportunityId + "/stage", Map.of("stage", stage));
            assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
            position = moved.body().get("position").asLong();
        }
        // the search and the views have what the browser will look for
        awaitSearchable("zhangwei", position, zhangWei);
        assertThat(api.get("/api/customers/" + zhangWei + "/360?minPosition=" + position).status()).isEqualTo(200);
        TestUsers.everything(context, AUDITOR);

        browser = Chromium.start(temp.resolve("profile"), temp.resolve("downloads"), "zh-CN");
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** Types text one key at a time, waiting for each keystroke's answer; answers each one's round trip in ms. */
    private List<Long> typeAndMeasure(WebElement box, String text) {
        List<Long> roundTrips = new ArrayList<>();
        StringBuilder typed = new StringBuilder();
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            String key = new String(Character.toChars(cp));
            i += key.length();
            typed.append(key);
            box.sendKeys(key);
            String expected = typed.toString();
            wait.until(d -> expected.equals(d.findElement(By.id("view")).getAttribute("data-searched-for")));
            roundTrips.add(Long.parseLong(browser.findElement(By.id("view")).getAttribute("data-round-trip-ms")));
        }
        return roundTrips;
    }

    /** The same prefixes as the browser typed, each searched once by plain HTTP from the test: the API's share. */
    private List<Long> apiRoundTrips(List<String> queries) {
        List<Long> millis = new ArrayList<>();
        for (String query : queries) {
            for (int end = 1; end <= query.length(); end++) {
                long start = System.nanoTime();
                Api.Response answer = api.get("/api/search/customers?size=10&q=" + Api.query(query.substring(0, end)));
                millis.add((System.nanoTime() - start) / 1_000_000);
                assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            }
        }
        return millis;
    }

    private void report(List<Long> roundTrips, List<Long> apiOnly) throws Exception {
        List<Long> sorted = roundTrips.stream().sorted().toList();
        List<Long> api = apiOnly.stream().sorted().toList();
        long p50 = sorted.get(sorted.size() / 2);
        long p90 = sorted.get((int) Math.ceil(sorted.size() * 0.9) - 1);
        long max = sorted.get(sorted.size() - 1);
        String json = "{\"keystrokes\": " + sorted.size() + ", \"round_trip_p50_ms\": " + p50 + ", \"round_trip_p90_ms\": " + p90
                + ", \"round_trip_max_ms\": " + max + ", \"api_only_p50_ms\": " + api.get(api.size() / 2)
                + ", \"api_only_p90_ms\": " + api.get((int) Math.ceil(api.size() * 0.9) - 1)
                + ", \"load_average\": \"" + (Files.isReadable(Path.of("/proc/loadavg")) ? Files.readString(Path.of("/proc/loadavg")).trim() : "") + "\""
                + ", \"samples_ms\": " + roundTrips + ", \"api_only_samples_ms\": " + apiOnly + "}";
        System.out.println("Console keystroke round trips: " + json);
        Files.writeString(SCREENSHOTS.resolve("keystrokes.json"), json + "\n");
        assertThat(sorted).isNotEmpty();
    }

    private Path downloaded() {
        try (Stream<Path> files = Files.list(temp.resolve("downloads"))) {
            return files.filter(f -> f.toString().endsWith(".csv")).findFirst().orElse(null);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** Searches until the customer is found: the shared node may still be starting (bounded: 120 s). */
    private void awaitSearchable(String text, long position, String customerId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        Api.Response found = api.get("/api/search/customers?q=" + Api.query(text) + "&minPosition=" + position);
        while ((found.status() != 200 || !found.body().toString().contains(customerId)) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            found = api.get("/api/search/customers?q=" + Api.query(text) + "&minPosition=" + position);
        }
        assertThat(found.body().toString()).as(found.toString()).contains(customerId);
    }

    private void limit(String amount, String actor, String reason) {
        Api.Response limit = api.as(actor).put("/api/customers/" + zhangWei + "/credit-limit",
                Map.of("amount", amount, "currency", "CNY"), "X-Reason", Api.headerText(reason));
        assertThat(limit.status()).as(limit.toString()).isEqualTo(200);
    }

    private void screenshot(String name) throws Exception {
        Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    private static String creditCode() {
        String digits = String.valueOf(System.nanoTime() % 100_000_000_000L);
        return ("9133010" + digits + "00000000000").substring(0, 17) + "Y";
    }
}
