package io.github.keycloakwechat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.keycloakwechat.it.support.Chromium;
import io.github.keycloakwechat.it.support.QrImageUrl;
import io.github.keycloakwechat.simulator.PushMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * Follow the Official Account to sign in, in a real browser (headless Chromium): the login page shows the Official
 * Account's QR code, the person scans it with WeChat (the simulator pushes the signed event to Keycloak), and the page
 * continues by itself, with no click: to review profile for someone new, straight in for a follower who has an
 * account. Screenshots land in {@code target/screenshots/}.
 */
class FollowQrBrowserIT extends WeChatScenario {

    private static final String WEBSITE = "wx6f7a8b9c0d1e2f3a";
    private static final String OA = "wx7a8b9c0d1e2f3a4b";
    private static final String SECRET = "follow-browser-secret-Kk7";
    private static final String TOKEN = "FollowBrowser2026";

    private final List<WebDriver> browsers = new ArrayList<>();

    @Override
    protected String realmPrefix() {
        return "follow-browser";
    }

    @Override
    protected void setUp() {
        sim.addWebsiteApp(WEBSITE, SECRET, "localhost");
        sim.addOfficialAccount(OA, SECRET, "localhost");
        realm.enableChinese();
        realm.admin().put("/admin/realms/" + realm.name(), Map.of("loginTheme", "wechat")).orThrow();
        realm.addWeChat("wechat", WEBSITE, SECRET, Map.of("officialAccountAppId", OA, "officialAccountAppSecret", SECRET,
                "officialAccountToken", TOKEN, "kcTheme-followQr", "true"));
    }

    @Override
    protected void simulatorSwitches() {
        sim.pushTimeout(Duration.ofSeconds(5));
        sim.configureMessageServer(OA, keycloak.baseUrl() + "/realms/" + realm.name() + "/broker/wechat/endpoint/messages",
                TOKEN, null, PushMode.PLAIN);
    }

    @AfterEach
    void closeBrowsers() {
        Chromium.quitAll(browsers);
    }

    private WebDriver browser(String acceptLanguage) {
        WebDriver driver = Chromium.start(null, acceptLanguage);
        browsers.add(driver);
        return driver;
    }

    private String accountConsole() {
        return keycloak.baseUrl() + "/realms/" + realm.name() + "/account";
    }

    @Test
    void aNewPersonScansTheOfficialAccountsCodeAndThePageContinuesToReviewProfileByItself() {
        sim.addPerson("follow-browser-new", "新朋友", null);
        WebDriver driver = browser("en");
        driver.get(accountConsole());

        String ticket = waitForQrCode(driver);
        assertTrue(!driver.findElement(By.id("social-wechat")).isDisplayed(), "the QR code replaces the button");
        assertEquals("Scan with WeChat to follow us and sign in",
                driver.findElement(By.cssSelector(".kc-wechat-qr__title")).getText());
        Chromium.screenshot(driver, "login-page-follow-qr");

        sim.scanQrTicket(ticket, "follow-browser-new");

        // No click: the page notices the scan and the whole window goes on to Keycloak's review-profile page.
        WebElement email = waitFor(driver, By.id("email"));
        email.sendKeys("follow-browser-new@example.com");
        driver.findElement(By.id("firstName")).sendKeys("Xin");
        driver.findElement(By.id("lastName")).sendKeys("Pengyou");
        driver.findElement(By.cssSelector("input[type=submit], button[type=submit]")).click();
        Chromium.waitFor(driver).until(d -> d.getCurrentUrl().startsWith(accountConsole())
                && !d.findElements(By.id("username")).isEmpty());
        realm.userLinkedTo(sim.unionid("follow-browser-new"));
    }

    @Test
    void inChineseAFollowerWithAnAccountIsSignedInStraightAway() {
        sim.addPerson("follow-browser-known", "老朋友", null);
        realm.signUp("wechat", "follow-browser-known", "follow-browser-known@example.com");
        sim.follow(OA, "follow-browser-known");
        WebDriver driver = browser("zh-CN,zh");
        driver.get(accountConsole());

        String ticket = waitForQrCode(driver);
        assertEquals("微信扫码关注公众号并登录", driver.findElement(By.cssSelector(".kc-wechat-qr__title")).getText());
        Chromium.screenshot(driver, "login-page-follow-qr-zh");

        sim.scanQrTicket(ticket, "follow-browser-known");

        Chromium.waitFor(driver).until(d -> d.getCurrentUrl().startsWith(accountConsole())
                && d.findElements(By.id("username")).stream()
                        .anyMatch(u -> u.getAttribute("value") != null && !u.getAttribute("value").isEmpty()));
        assertTrue(driver.findElements(By.id("email")).stream()
                .anyMatch(e -> "follow-browser-known@example.com".equals(e.getAttribute("value"))), driver.getPageSource());
    }

    @Test
    void aCodeWhoseSignInEndedSaysSoAndANewCodeIsOneClickAway() {
        WebDriver driver = browser("en");
        driver.get(accountConsole());
        waitForQrCode(driver);
        // A wrong password first: the login page is then the answer to a POST, which a new code must not resend.
        driver.findElement(By.id("username")).sendKeys("nobody");
        driver.findElement(By.id("password")).sendKeys("wrong-password");
        driver.findElement(By.id("kc-login")).click();
        Chromium.waitFor(driver).until(d -> d.getCurrentUrl().contains("/login-actions/authenticate")
                && d.getPageSource().contains("Invalid username or password."));
        String ticket = waitForQrCode(driver);

        // The sign-in behind the code ends elsewhere (here: its finishing step opened without any scan, in another tab).
        String signInUrl = (String) ((JavascriptExecutor) driver).executeScript(
                "return document.querySelector('.kc-wechat-qr__frame').contentDocument"
                        + ".getElementById('wechat-qr').dataset.signInUrl");
        String loginTab = driver.getWindowHandle();
        driver.switchTo().newWindow(org.openqa.selenium.WindowType.TAB).get(signInUrl);
        driver.close();
        driver.switchTo().window(loginTab);

        driver.switchTo().frame(driver.findElement(By.cssSelector(".kc-wechat-qr__frame")));
        WebElement renew = waitFor(driver, By.id("wechat-follow-renew"));
        assertTrue(driver.findElement(By.cssSelector(".wechat-follow__expired")).getText().contains("This QR code has expired."));
        driver.switchTo().defaultContent();
        Chromium.screenshot(driver, "login-page-follow-qr-expired");
        driver.switchTo().frame(driver.findElement(By.cssSelector(".kc-wechat-qr__frame")));
        renew.click();
        driver.switchTo().defaultContent();

        String fresh = waitForQrCode(driver);
        assertNotEquals(ticket, fresh, "a new code for a new sign-in");
        sim.addPerson("follow-browser-again", "再来一次", null);
        sim.scanQrTicket(fresh, "follow-browser-again");
        waitFor(driver, By.id("email"));
    }

    /** Waits for the QR frame to show WeChat's image, loaded, and returns the ticket it shows. */
    private static String waitForQrCode(WebDriver driver) {
        WebElement frame = waitFor(driver, By.cssSelector(".kc-wechat-qr__frame"));
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", frame);
        driver.switchTo().frame(frame);
        WebElement image = waitFor(driver, By.cssSelector("img.wechat-follow__code"));
        Chromium.waitFor(driver).until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                "return arguments[0].complete && arguments[0].naturalWidth > 0", image)));
        String src = image.getAttribute("src");
        driver.switchTo().defaultContent();
        return QrImageUrl.ticket(src);
    }

    private static WebElement waitFor(WebDriver driver, By by) {
        return Chromium.visible(driver, by);
    }
}
