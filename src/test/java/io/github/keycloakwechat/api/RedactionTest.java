package io.github.keycloakwechat.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.SocketException;

import org.junit.jupiter.api.Test;

class RedactionTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private static final String CODE = "061eY9xX08tQu02IH4wX05BjxX0eY9xA";
    private static final String URL = "https://api.weixin.qq.com/sns/oauth2/access_token?appid=wx1&secret=" + SECRET
            + "&code=" + CODE + "&grant_type=authorization_code";

    private final Redaction redaction = new Redaction(SECRET, CODE);

    @Test
    void hidesTheValuesItWasGiven() {
        assertEquals("invalid appsecret ***, code ***", redaction.text("invalid appsecret " + SECRET + ", code " + CODE));
    }

    @Test
    void dropsTheQueryOfEveryUrlOrPathEvenWithValuesItDoesNotKnow() {
        assertEquals("GET https://api.weixin.qq.com/sns/oauth2/access_token?*** failed",
                new Redaction().text("GET " + URL + " failed"));
        assertEquals("Circular redirect to 'http://portal.example/login?***'",
                new Redaction().text("Circular redirect to 'http://portal.example/login?from=" + URL + "'"));
        assertEquals("[/sns/userinfo?***]", new Redaction().text("[/sns/userinfo?access_token=t&openid=o]"));
    }

    @Test
    void leavesOrdinaryTextAlone() {
        String text = "invalid code, hints: [ req_id: ojzvVA0406th44 ] rid: 623ea70a-74b9b592-3e3d489a. Why? Read timed out";
        assertEquals(text, redaction.text(text));
        assertEquals("code c", new Redaction("c").text("code c"), "values too short to be secrets would mangle the text");
        assertNull(redaction.text(null));
    }

    @Test
    void aCauseChainKeepsItsTypesAndFramesButNotTheSecrets() {
        SocketException root = new SocketException("reset while sending " + URL);
        IOException top = new IOException("I/O error on GET request for \"" + URL + "\"", root);

        Redaction.Redacted safe = redaction.cause(top);

        assertEquals("java.io.IOException: I/O error on GET request for \"https://api.weixin.qq.com/sns/oauth2/access_token?***\"",
                safe.toString());
        assertEquals("java.net.SocketException", ((Redaction.Redacted) safe.getCause()).originalType());
        assertArrayEquals(top.getStackTrace(), safe.getStackTrace());
        StringWriter printed = new StringWriter();
        safe.printStackTrace(new PrintWriter(printed));
        assertFalse(printed.toString().contains(SECRET) || printed.toString().contains(CODE), printed.toString());
        assertNull(redaction.cause(null));
    }
}
