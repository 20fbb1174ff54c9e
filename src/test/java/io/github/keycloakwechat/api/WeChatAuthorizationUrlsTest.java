package io.github.keycloakwechat.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class WeChatAuthorizationUrlsTest {

    private static final String CALLBACK = "https://sso.example.com/realms/demo/broker/wechat/endpoint";

    @Test
    void qrConnectUrlHasWeChatsParameterOrderAndEndsWithTheWeChatRedirectFragment() {
        String url = WeChatAuthorizationUrls.qrConnect("https://open.weixin.qq.com", "wx0123456789abcdef", CALLBACK, "Ab12");

        assertEquals("https://open.weixin.qq.com/connect/qrconnect?appid=wx0123456789abcdef"
                + "&redirect_uri=https%3A%2F%2Fsso.example.com%2Frealms%2Fdemo%2Fbroker%2Fwechat%2Fendpoint"
                + "&response_type=code&scope=snsapi_login&state=Ab12#wechat_redirect", url);
    }

    @Test
    void officialAccountUrlUsesTheOAuth2AuthorizePathAndTheGivenScope() {
        String url = WeChatAuthorizationUrls.officialAccount("http://127.0.0.1:8099/", "wxfedcba9876543210", CALLBACK,
                "snsapi_base", "x");

        assertEquals("http://127.0.0.1:8099/connect/oauth2/authorize?appid=wxfedcba9876543210"
                + "&redirect_uri=https%3A%2F%2Fsso.example.com%2Frealms%2Fdemo%2Fbroker%2Fwechat%2Fendpoint"
                + "&response_type=code&scope=snsapi_base&state=x#wechat_redirect", url);
    }

    @Test
    void qrConnectFrameUrlIsWhatWxLoginJsPutsInItsIframe() {
        String url = WeChatAuthorizationUrls.qrConnectFrame("https://open.weixin.qq.com/", "wx0123456789abcdef", CALLBACK,
                "Ab12", true);

        assertEquals("https://open.weixin.qq.com/connect/qrconnect?appid=wx0123456789abcdef&scope=snsapi_login"
                + "&redirect_uri=https%3A%2F%2Fsso.example.com%2Frealms%2Fdemo%2Fbroker%2Fwechat%2Fendpoint"
                + "&state=Ab12&login_type=jssdk&self_redirect=false&styletype=&sizetype=&bgcolor=&rst="
                + "&lang=en&stylelite=1&fast_login=0", url);
    }

    @Test
    void qrConnectFrameInChineseSendsNoLanguage() {
        String url = WeChatAuthorizationUrls.qrConnectFrame("https://open.weixin.qq.com", "wx0123456789abcdef", CALLBACK,
                "Ab12", false);

        assertEquals(false, url.contains("lang="), url);
    }

    @Test
    void refusesAStateWeChatWouldReject() {
        String tooLong = "a".repeat(129);
        assertThrows(IllegalArgumentException.class,
                () -> WeChatAuthorizationUrls.qrConnect("https://open.weixin.qq.com", "wx1", CALLBACK, tooLong));
        assertThrows(IllegalArgumentException.class,
                () -> WeChatAuthorizationUrls.qrConnect("https://open.weixin.qq.com", "wx1", CALLBACK, "abc.def-ghi_j"));
        assertThrows(IllegalArgumentException.class,
                () -> WeChatAuthorizationUrls.qrConnect("https://open.weixin.qq.com", "wx1", CALLBACK, ""));
        assertThrows(IllegalArgumentException.class,
                () -> WeChatAuthorizationUrls.qrConnectFrame("https://open.weixin.qq.com", "wx1", CALLBACK, "a&b", true));
    }

    @Test
    void acceptsTheLongestStateWeChatAllows() {
        String longest = "Z9".repeat(64);
        String url = WeChatAuthorizationUrls.qrConnect("https://open.weixin.qq.com", "wx1", CALLBACK, longest);
        assertEquals(true, url.contains("&state=" + longest + "#wechat_redirect"));
    }

    @Test
    void theQrCodeImageUrlCarriesTheTicketUrlEncoded() {
        // The reference's example ticket, with + / = added: each is encoded, so none is read as a space or a separator.
        String ticket = "gQH47joAAAAAAAAAASxodHRwOi8vd2VpeGluLnFxLmNvbS9xL2taZ2Z3TVRtNzJXV1Brb3ZhYmJJAAIEZ23sUwMEmm3sUw+/==";
        assertEquals("https://mp.weixin.qq.com/cgi-bin/showqrcode?ticket="
                        + "gQH47joAAAAAAAAAASxodHRwOi8vd2VpeGluLnFxLmNvbS9xL2taZ2Z3TVRtNzJXV1Brb3ZhYmJJAAIEZ23sUwMEmm3sUw%2B%2F%3D%3D",
                WeChatAuthorizationUrls.qrCodeImage("https://mp.weixin.qq.com/", ticket));
        assertEquals("http://127.0.0.1:8099/cgi-bin/showqrcode?ticket=a_b-c",
                WeChatAuthorizationUrls.qrCodeImage("http://127.0.0.1:8099", "a_b-c"));
    }
}
