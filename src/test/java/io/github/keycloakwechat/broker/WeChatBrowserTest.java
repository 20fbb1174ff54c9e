package io.github.keycloakwechat.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WeChatBrowserTest {

    @Test
    void weChatsInAppBrowserOnPhoneAndDesktop() {
        assertEquals(WeChatBrowser.WECHAT, WeChatBrowser.of("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) "
                + "AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.47(0x18002f2c) NetType/WIFI Language/zh_CN"));
        assertEquals(WeChatBrowser.WECHAT, WeChatBrowser.of("Mozilla/5.0 (Windows NT 10.0; WOW64) AppleWebKit/537.36 "
                + "(KHTML, like Gecko) Chrome/81.0.4044.138 Safari/537.36 NetType/WIFI MicroMessenger/7.0.20.1781(0x6700143B) WindowsWechat"));
    }

    @Test
    void weComIsNotWeChatAlthoughItsUserAgentSaysMicroMessenger() {
        assertEquals(WeChatBrowser.WECOM, WeChatBrowser.of("Mozilla/5.0 (iPhone; CPU iPhone OS 16_0 like Mac OS X) "
                + "AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 wxwork/4.1.6 MicroMessenger/7.0.1 Language/zh ColorScheme/Light"));
        assertEquals(WeChatBrowser.WECOM, WeChatBrowser.of("Mozilla/5.0 wxwork/4.1.10 (MicroMessenger/6.2) WindowsWechat"));
    }

    @Test
    void phoneBrowsersOutsideWeChatNeedASecondDeviceToScan() {
        assertEquals(WeChatBrowser.PHONE, WeChatBrowser.of("Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) "
                + "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1"));
        assertEquals(WeChatBrowser.PHONE, WeChatBrowser.of("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 "
                + "(KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36"));
    }

    @Test
    void everythingElseIsAnOrdinaryBrowser() {
        assertEquals(WeChatBrowser.OTHER, WeChatBrowser.of("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 Safari/605.1.15"));
        assertEquals(WeChatBrowser.OTHER, WeChatBrowser.of(null));
        assertEquals(WeChatBrowser.OTHER, WeChatBrowser.of(""));
    }
}
