package io.github.keycloakwechat.simulator;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Unit tests of the hand-written JSON, HTML escaping and callback URL building. */
class WireFormatTest {

    @Test
    void jsonEscapesLikeWeChat() {
        JsonObject o = new JsonObject()
                .put("url", "https://thirdwx.qlogo.cn/a/132")
                .put("text", "say \"hi\"\\ \n\t\u0001")
                .put("nick", "小明😀")
                .put("n", 0)
                .put("list", List.of())
                .put("nested", new JsonObject().put("k", List.of("a", 1)));
        assertEquals("{\"url\":\"https:\\/\\/thirdwx.qlogo.cn\\/a\\/132\",\"text\":\"say \\\"hi\\\"\\\\ \\n\\t\\u0001\","
                + "\"nick\":\"小明😀\",\"n\":0,\"list\":[],\"nested\":{\"k\":[\"a\",1]}}", o.toString());
    }

    @Test
    void jsonEditsKeepKeyOrder() {
        JsonObject o = new JsonObject().put("a", "1").put("b", 2).put("c", "3");
        assertEquals("{\"a\":\"1\",\"c\":\"3\"}", o.without("b").toString());
        assertEquals("{\"a\":\"1\",\"b\":\"2\",\"c\":\"3\"}", o.replacing("b", "2").toString());
        assertEquals("{\"a\":\"1\",\"b\":2,\"c\":\"3\"}", o.toString(), "edits copy");
    }

    @Test
    void htmlEscaping() {
        assertEquals("&lt;img src=x onerror=&quot;a&#39;b&quot;&gt; &amp;", Html.escape("<img src=x onerror=\"a'b\"> &"));
    }

    @Test
    void callbackParametersAreAppendedBeforeTheFragment() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("code", "C");
        p.put("state", "a b&c");
        assertEquals("https://h/cb?code=C&state=a+b%26c", CallbackUrls.append("https://h/cb", p));
        assertEquals("https://h/cb?x=1&code=C&state=a+b%26c", CallbackUrls.append("https://h/cb?x=1", p));
        assertEquals("https://h/cb?code=C&state=a+b%26c", CallbackUrls.append("https://h/cb?", p));
        assertEquals("https://h/?code=C&state=a+b%26c#/r?y=2", CallbackUrls.append("https://h/#/r?y=2", p));
    }
}
