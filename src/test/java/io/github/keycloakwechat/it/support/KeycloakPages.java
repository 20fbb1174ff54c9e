package io.github.keycloakwechat.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** Keycloak's own pages in a real browser, walked through the way the browser tests' people do. */
public final class KeycloakPages {

    private KeycloakPages() {
    }

    /** Opens an admin-console route (e.g. {@code REALM/identity-providers/wechat/add}) as the bootstrap admin. */
    public static void openAdminConsole(WebDriver driver, KeycloakRuntime keycloak, String route) {
        driver.get(keycloak.baseUrl() + "/admin/master/console/#/" + route);
        visible(driver, By.id("username")).sendKeys(HarnessSettings.ADMIN_USERNAME);
        driver.findElement(By.id("password")).sendKeys(HarnessSettings.ADMIN_PASSWORD);
        driver.findElement(By.id("kc-login")).click();
    }

    /**
     * Keycloak's review-profile page of a first WeChat sign-in: the nickname is prefilled as first name; the person
     * adds an e-mail and a last name and lands in the account console at {@code accountConsoleUrl}.
     */
    public static void completeReviewProfile(WebDriver driver, String nickname, String email, String lastName,
                                             String accountConsoleUrl) {
        WebElement emailField = visible(driver, By.id("email"));
        assertEquals(nickname, driver.findElement(By.id("firstName")).getAttribute("value"), "nickname prefilled");
        emailField.sendKeys(email);
        driver.findElement(By.id("lastName")).sendKeys(lastName);
        driver.findElement(By.cssSelector("input[type=submit], button[type=submit]")).click();
        Chromium.waitFor(driver).until(d -> d.getCurrentUrl().startsWith(accountConsoleUrl)
                && !d.findElements(By.id("username")).isEmpty());
    }

    private static WebElement visible(WebDriver driver, By by) {
        return Chromium.waitFor(driver).until(ExpectedConditions.visibilityOfElementLocated(by));
    }
}
