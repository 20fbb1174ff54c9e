package io.github.keycloakwechat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.keycloakwechat.it.support.Chromium;
import io.github.keycloakwechat.it.support.KeycloakPages;
import io.github.keycloakwechat.simulator.Fault;
import io.github.keycloakwechat.simulator.SimEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * A person in a real browser (headless Chromium): the Keycloak login page with the WeChat button of our
 * login theme, WeChat's pages (the simulator), Keycloak's review-profile page, the account console.
 * Screenshots land in {@code target/screenshots/}.
 */
class RealBrowserIT extends WeChatScenario {

    private static final String APP = "wx3c4d5e6f708192a3";
    private static final String SECRET = "browser-secret-Pp2";
    private static final String OA_APP = "wx4d5e6f708192a3b4";
    private static final String OA_SECRET = "browser-oa-secret-Qq3";

    private final List<WebDriver> browsers = new ArrayList<>();

    @Override
    protected String realmPrefix() {
        return "browser";
    }

    @Override
    protected void setUp() {
        sim.addWebsiteApp(APP, SECRET, "localhost");
        sim.addOfficialAccount(OA_APP, OA_SECRET, "localhost");
        realm.enableChinese();
        realm.admin().put("/admin/realms/" + realm.name(), Map.of("loginTheme", "wechat")).orThrow();
        realm.addWeChat("wechat", APP, SECRET,
                Map.of("officialAccountAppId", OA_APP, "officialAccountAppSecret", OA_SECRET));
    }

    @Override
    protected void simulatorSwitches() {
        sim.allowPortInOaRedirect(true);
    }

    @AfterEach
    void closeBrowsers() {
        Chromium.quitAll(browsers);
    }

    private WebDriver browser(String userAgent, String acceptLanguage) {
        WebDriver driver = Chromium.start(userAgent, acceptLanguage);
        browsers.add(driver);
        return driver;
    }

    private String accountConsole() {
        return accountConsole(realm);
    }

    private String accountConsole(WeChatRealm someRealm) {
        return keycloak.baseUrl() + "/realms/" + someRealm.name() + "/account";
    }

    private static WebElement waitFor(WebDriver driver, By by) {
        return Chromium.visible(driver, by);
    }

    @Test
    void aPersonClicksWeChatScansCompletesTheProfileAndIsSignedIn() {
        sim.addPerson("browser-lihua", "李华", null);
        WebDriver driver = browser(null, "en");
        driver.get(accountConsole());

        WebElement button = waitFor(driver, By.id("social-wechat"));
        assertTrue(button.findElements(By.className("kc-wechat-button")).size() == 1, "the WeChat icon, not the cube");
        assertEquals("WeChat", button.getText().trim());
        Chromium.screenshot(driver, "login-page");
        button.click();

        waitFor(driver, By.id("scan-form"));
        assertTrue(driver.getCurrentUrl().startsWith(sim.baseUrl() + "/connect/qrconnect?appid=" + APP), driver.getCurrentUrl());
        Chromium.screenshot(driver, "simulator-qr-page");
        driver.findElement(By.cssSelector("input[name=person][value=browser-lihua]")).click();
        driver.findElement(By.id("confirm")).click();

        waitFor(driver, By.id("email"));
        Chromium.screenshot(driver, "review-profile");
        KeycloakPages.completeReviewProfile(driver, "李华", "browser-lihua@example.com", "Li", accountConsole());
        Chromium.screenshot(driver, "account-console");
        realm.userLinkedTo(sim.unionid("browser-lihua"));
    }

    @Test
    void theQrCodeShowsOnTheLoginPageItselfCannotReadItAndScanningItSignsThePersonIn() {
        WeChatRealm qrRealm = embeddedQrRealm();
        sim.addPerson("browser-embedded", "陈静", null);
        WebDriver driver = browser(null, "en");
        openLoginPageWithQrCode(driver, qrRealm);
        assertTrue(!driver.findElement(By.id("social-wechat")).isDisplayed(), "the QR code replaces the button");
        driver.findElement(By.id("password")).sendKeys("typed-before-the-scan");
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})",
                driver.findElement(By.cssSelector(".kc-wechat-qr")));
        switchToWeChatsFrame(driver);
        waitFor(driver, By.id("qr"));
        driver.switchTo().defaultContent();
        Chromium.screenshot(driver, "login-page-embedded-qr");

        // A script of WeChat's page reaches for the password on the login page, and for our frame: the browser refuses.
        switchToWeChatsFrame(driver);
        Object reached = ((JavascriptExecutor) driver).executeScript("""
                var read = function (w) {
                  try { var p = w.document.getElementById("password"); return p ? "read: " + p.value : "no field"; }
                  catch (e) { return e.name; }
                };
                return {top: read(window.top), parent: read(window.parent)};""");
        assertEquals(Map.of("top", "SecurityError", "parent", "SecurityError"), reached);

        driver.findElement(By.cssSelector("input[name=person][value=browser-embedded]")).click();
        driver.findElement(By.id("confirm")).click();
        driver.switchTo().defaultContent();

        // WeChat navigates the whole page, not the frame: Keycloak's review-profile page fills the window.
        KeycloakPages.completeReviewProfile(driver, "陈静", "browser-embedded@example.com", "Chen", accountConsole(qrRealm));
        qrRealm.userLinkedTo(sim.unionid("browser-embedded"));
    }

    @Test
    void withTheQrCodeShownAPersonCanStillResetTheirPasswordRegisterOrSignInWithAPassword() {
        WeChatRealm qrRealm = embeddedQrRealm();
        qrRealm.admin().post("/admin/realms/" + qrRealm.name() + "/users", Map.of("username", "browser-pat", "enabled", true,
                "email", "browser-pat@example.com", "emailVerified", true, "firstName", "Pat", "lastName", "Password",
                "credentials", List.of(Map.of("type", "password", "value", "Pat-pass-3", "temporary", false))))
                .orThrow();
        WebDriver driver = browser(null, "en");

        openLoginPageWithQrCode(driver, qrRealm);
        clickWhenSettled(driver, By.cssSelector("a[href*='/login-actions/reset-credentials']"));
        waitFor(driver, By.id("kc-reset-password-form"));
        assertNotExpired(driver);

        openLoginPageWithQrCode(driver, qrRealm);
        clickWhenSettled(driver, By.cssSelector("#kc-registration a"));
        waitFor(driver, By.id("kc-register-form"));
        assertNotExpired(driver);

        openLoginPageWithQrCode(driver, qrRealm);
        driver.findElement(By.id("username")).sendKeys("browser-pat");
        driver.findElement(By.id("password")).sendKeys("Pat-pass-3");
        driver.findElement(By.id("kc-login")).click();
        // Signed in: the account console shows the person's own username.
        Chromium.waitFor(driver).until(d -> d.getCurrentUrl().startsWith(accountConsole(qrRealm))
                && d.findElements(By.id("username")).stream().anyMatch(u -> "browser-pat".equals(u.getAttribute("value"))));
    }

    /** A realm whose login page shows the embedded QR code, next to password sign-in, "Forgot password?" and "Register". */
    private WeChatRealm embeddedQrRealm() {
        WeChatRealm qrRealm = WeChatRealm.create(keycloak, sim, "browser-qr");
        qrRealm.admin().put("/admin/realms/" + qrRealm.name(), Map.of("loginTheme", "wechat",
                "resetPasswordAllowed", true, "registrationAllowed", true)).orThrow();
        qrRealm.addWeChat("wechat", APP, SECRET, Map.of("kcTheme-embeddedQr", "true"));
        return qrRealm;
    }

    /** Opens the login page and waits for the QR code's frame: it points the fallback link straight at WeChat. */
    private void openLoginPageWithQrCode(WebDriver driver, WeChatRealm qrRealm) {
        driver.get(accountConsole(qrRealm));
        WebElement fallback = waitFor(driver, By.id("wechat-open-page-wechat"));
        Chromium.waitFor(driver).until(d -> fallback.getAttribute("href").startsWith(sim.baseUrl() + "/connect/qrconnect"));
        // And WeChat's page inside the frame: until it has loaded, the login page below it may still move, and a click
        // on "Register" landed beside the link (a clean-clone CI run's screenshot: still on the login page).
        switchToWeChatsFrame(driver);
        Chromium.waitFor(driver).until(d -> "complete".equals(((org.openqa.selenium.JavascriptExecutor) d)
                .executeScript("return document.readyState")));
        driver.switchTo().defaultContent();
    }

    /** Clicks a link once it has stopped moving, as a person would, and waits for the browser to leave the page. */
    private static void clickWhenSettled(WebDriver driver, By link) {
        String before = driver.getCurrentUrl();
        WebElement element = driver.findElement(link);
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        Chromium.waitFor(driver).until(d -> {
            org.openqa.selenium.Point first = element.getLocation();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return first.equals(element.getLocation());
        });
        element.click();
        Chromium.waitFor(driver).until(d -> !before.equals(d.getCurrentUrl()));
    }

    /** From the login page into WeChat's page inside our frame. */
    private static void switchToWeChatsFrame(WebDriver driver) {
        driver.switchTo().frame(driver.findElement(By.cssSelector(".kc-wechat-qr__frame")));
        driver.switchTo().frame(waitFor(driver, By.cssSelector("#wechat-qr iframe")));
    }

    /** Keycloak's page itself, not "page has expired" nor a warning or error above it. */
    private static void assertNotExpired(WebDriver driver) {
        String text = driver.findElement(By.tagName("body")).getText();
        assertTrue(!text.toLowerCase(java.util.Locale.ROOT).contains("expired"), text);
        assertTrue(driver.findElements(By.cssSelector(".pf-v5-c-alert.pf-m-danger, .pf-v5-c-alert.pf-m-warning")).isEmpty(), text);
    }

    @Test
    void aPasswordUserLinksWeChatInTheAccountConsoleAndUnlinksIt() {
        sim.addPerson("browser-linker", "赵磊", null);
        realm.admin().post("/admin/realms/" + realm.name() + "/users", Map.of("username", "browser-linker", "enabled", true,
                "email", "browser-linker@example.com", "emailVerified", true, "firstName", "Zhao", "lastName", "Lei",
                "credentials", List.of(Map.of("type", "password", "value", "Linker-pass-2", "temporary", false))))
                .orThrow();
        WebDriver driver = browser(null, "en");
        driver.get(accountConsole() + "/account-security/linked-accounts");
        waitFor(driver, By.id("username")).sendKeys("browser-linker");
        driver.findElement(By.id("password")).sendKeys("Linker-pass-2");
        driver.findElement(By.id("kc-login")).click();

        waitFor(driver, By.id("wechat-idp-link")).click();
        // Keycloak asks before linking; then WeChat's QR page.
        waitFor(driver, By.cssSelector("form button[type=submit], form input[type=submit]")).click();
        waitFor(driver, By.id("scan-form"));
        driver.findElement(By.cssSelector("input[name=person][value=browser-linker]")).click();
        driver.findElement(By.id("confirm")).click();

        waitFor(driver, By.id("wechat-idp-unlink"));
        Chromium.screenshot(driver, "account-console-linked");
        String userId = realm.onlyUser("browser-linker").path("id").asText();
        assertEquals(Map.of("wechat", sim.unionid("browser-linker")), realm.links(realm.onlyUser("browser-linker")));

        driver.findElement(By.id("wechat-idp-unlink")).click();
        waitFor(driver, By.id("wechat-idp-link"));
        assertEquals(Map.of(), realm.links(realm.admin().user(realm.name(), userId)));
    }

    @Test
    void anAdminAddsWeChatInTheAdminConsoleIsToldABadAppIdIsWrongAndFixesIt() {
        String uiRealm = "admin-ui-" + System.nanoTime();
        keycloak.admin().createRealm(uiRealm);
        WebDriver driver = browser(null, "en");
        KeycloakPages.openAdminConsole(driver, keycloak, uiRealm + "/identity-providers/wechat/add");

        WebElement clientId = waitFor(driver, By.id("config.clientId"));
        assertTrue(driver.getPageSource().contains("Official Account AppID (mp.weixin.qq.com)"), "our fields, labelled");
        clientId.sendKeys("wx-not-an-appid");
        driver.findElement(By.id("config.clientSecret")).sendKeys("an-app-secret");
        driver.findElement(By.cssSelector("[data-testid=createProvider]")).click();

        Chromium.waitFor(driver).until(d -> d.getPageSource().contains("clientId must be a WeChat AppID"));
        Chromium.screenshot(driver, "admin-console-validation");
        assertEquals(404, keycloak.admin().get("/admin/realms/" + uiRealm + "/identity-provider/instances/wechat").status(),
                "nothing saved");

        clientId.clear();
        clientId.sendKeys("wx0123456789abcdef");
        driver.findElement(By.cssSelector("[data-testid=createProvider]")).click();

        Chromium.waitFor(driver).until(d -> d.getCurrentUrl().contains("/identity-providers/wechat/wechat/settings"));
        Chromium.screenshot(driver, "admin-console-wechat");
        assertEquals("wx0123456789abcdef", keycloak.admin().getIdentityProvider(uiRealm, "wechat")
                .path("config").path("clientId").asText());
    }

    @Test
    void inChineseTheButtonReadsWeChatLoginAndErrorsAreInChinese() {
        sim.addPerson("browser-zh", "张伟", null);
        sim.faults().once(SimEndpoint.ACCESS_TOKEN, Fault.errcode(40029));
        WebDriver driver = browser(null, "zh-CN,zh");
        driver.get(accountConsole());

        WebElement label = waitFor(driver, By.cssSelector("#social-wechat .kc-wechat-button"));
        Object shown = ((JavascriptExecutor) driver).executeScript(
                "return getComputedStyle(arguments[0], '::after').content", label);
        assertEquals("\"微信登录\"", shown);
        Chromium.screenshot(driver, "login-page-zh");

        sim.nextScan(APP, "browser-zh");
        label.click();
        WebElement error = waitFor(driver, By.cssSelector("#input-error, .pf-v5-c-alert__title, .alert-error, #kc-content"));
        Chromium.waitFor(driver).until(d -> d.getPageSource().contains("本次微信登录已过期或已被使用"));
        assertTrue(error.isDisplayed());
        Chromium.screenshot(driver, "error-page-zh");
    }

    @Test
    void insideWeChatOneTapGoesToTheOfficialAccountNotToAQrCode() {
        sim.addPerson("browser-oa", "王芳", null);
        WebDriver driver = browser(OnePersonOneUserIT.IPHONE_WECHAT, "zh-CN,zh");
        driver.get(accountConsole());

        waitFor(driver, By.id("social-wechat")).click();

        waitFor(driver, By.id("consent-form"));
        assertTrue(driver.getCurrentUrl().startsWith(sim.baseUrl() + "/connect/oauth2/authorize?appid=" + OA_APP),
                driver.getCurrentUrl());
        Chromium.screenshot(driver, "official-account-consent");
        driver.findElement(By.cssSelector("input[name=person][value=browser-oa]")).click();
        driver.findElement(By.id("allow")).click();

        waitFor(driver, By.id("email"));
        assertEquals("王芳", driver.findElement(By.id("firstName")).getAttribute("value"));
    }
}
