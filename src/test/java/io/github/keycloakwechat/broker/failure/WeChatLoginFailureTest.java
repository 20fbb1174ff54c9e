package io.github.keycloakwechat.broker.failure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.keycloakwechat.api.WeChatApiException;
import io.github.keycloakwechat.api.WeChatApiException.Kind;
import io.github.keycloakwechat.api.WeChatEndpoint;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WeChatLoginFailureTest {

    @ParameterizedTest(name = "errcode {0} -> {1}")
    @CsvSource({
            "40029, CODE_INVALID", "40163, CODE_INVALID", "42003, CODE_INVALID",
            "40013, CONFIGURATION", "48001, CONFIGURATION", "40125, CONFIGURATION", "41002, CONFIGURATION", "41004, CONFIGURATION",
            "-1, BUSY", "45011, BUSY", "45009, BUSY",
            "40001, OTHER", "40003, OTHER", "42001, OTHER", "41008, OTHER"})
    void eachWeChatErrcodeGivesThePersonTheRightMessage(int errcode, WeChatLoginFailure expected) {
        WeChatApiException e = new WeChatApiException(Kind.WECHAT_ERROR, WeChatEndpoint.ACCESS_TOKEN, errcode, "x", null);
        assertEquals(expected, WeChatLoginFailure.of(e));
    }

    @ParameterizedTest
    @CsvSource({"UNREACHABLE", "BAD_RESPONSE"})
    void transportAndResponseFailuresSayWeChatIsUnavailable(Kind kind) {
        WeChatApiException e = new WeChatApiException(kind, WeChatEndpoint.USERINFO, null, "x", null);
        assertEquals(WeChatLoginFailure.UNAVAILABLE, WeChatLoginFailure.of(e));
    }
}
