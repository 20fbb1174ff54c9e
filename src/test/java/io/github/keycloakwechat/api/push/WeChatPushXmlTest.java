package io.github.keycloakwechat.api.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a push's XML, and refusing the XML an attacker would send to the message URL instead. */
class WeChatPushXmlTest {

    @TempDir
    Path dir;

    @Test
    void readsTheRootsChildrenTextAndCdataAlike() throws WeChatPushException {
        Map<String, String> fields = parse("<xml><ToUserName><![CDATA[gh_a786fbe98353]]></ToUserName>"
                + "<CreateTime>1648535359</CreateTime><Event><![CDATA[sub]]>scribe</Event>"
                + "<EventKey>a &amp; b &lt;c&gt;</EventKey><Empty></Empty></xml>");
        assertEquals(List.of("ToUserName", "CreateTime", "Event", "EventKey", "Empty"), List.copyOf(fields.keySet()));
        assertEquals("gh_a786fbe98353", fields.get("ToUserName"));
        assertEquals("1648535359", fields.get("CreateTime"));
        assertEquals("subscribe", fields.get("Event"), "CDATA and text together");
        assertEquals("a & b <c>", fields.get("EventKey"), "the predefined entities still work");
        assertEquals("", fields.get("Empty"));
    }

    @Test
    void ofTwoFieldsWithTheSameNameTheFirstIsKept() throws WeChatPushException {
        Map<String, String> fields = parse("<xml><Event>SCAN</Event><EventKey>first</EventKey><EventKey>second</EventKey></xml>");
        assertEquals("first", fields.get("EventKey"));
    }

    @Test
    void anUtf8BodyWithAnXmlDeclarationAndChineseText() throws WeChatPushException {
        Map<String, String> fields = parse("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xml><Content><![CDATA[你好🌸]]></Content></xml>");
        assertEquals("你好🌸", fields.get("Content"));
    }

    @Test
    void bodiesThatAreNotAPushAreBadXml() {
        for (String body : new String[] {"", "not xml", "<xml><a></xml>", "<root><a>1</a></root>", "<xml/><xml/>",
                "{\"ToUserName\":\"gh_1\"}", "<xml><a>1</a>"}) {
            WeChatPushException e = assertThrows(WeChatPushException.class, () -> parse(body), body);
            assertEquals(WeChatPushException.BAD_XML, e.reason(), body);
        }
        assertEquals(WeChatPushException.BAD_XML, assertThrows(WeChatPushException.class, () -> WeChatPushXml.parse(null)).reason());
        byte[] huge = ("<xml><a>" + "x".repeat(WeChatPushXml.MAX_BODY_BYTES) + "</a></xml>").getBytes(StandardCharsets.UTF_8);
        assertEquals(WeChatPushException.BAD_XML, assertThrows(WeChatPushException.class, () -> WeChatPushXml.parse(huge)).reason());
    }

    @Test
    void anExternalEntityNamingALocalFileIsRefusedAndTheFileIsNotRead() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-42");
        String body = "<?xml version=\"1.0\"?>\n<!DOCTYPE xml [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<xml><ToUserName>&xxe;</ToUserName></xml>";

        // The control: a parser left at its defaults does read the file into the field, so the body is a real attack.
        String unsafe = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))).getDocumentElement().getTextContent();
        assertTrue(unsafe.contains("TOP-SECRET-42"), unsafe);

        WeChatPushException e = assertThrows(WeChatPushException.class, () -> parse(body));
        assertEquals(WeChatPushException.DOCTYPE, e.reason());
        assertNoSecretIn(e, "TOP-SECRET-42");
    }

    @Test
    void aParameterEntityNamingAUrlIsRefusedAndNothingConnects() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            String url = "http://127.0.0.1:" + listener.getLocalPort() + "/evil.dtd";
            String body = "<!DOCTYPE xml [<!ENTITY % remote SYSTEM \"" + url + "\"> %remote;]>\n<xml><a>1</a></xml>";
            WeChatPushException e = assertThrows(WeChatPushException.class, () -> parse(body));
            assertEquals(WeChatPushException.DOCTYPE, e.reason());

            String external = "<!DOCTYPE xml SYSTEM \"" + url + "\">\n<xml><a>1</a></xml>";
            assertEquals(WeChatPushException.DOCTYPE, assertThrows(WeChatPushException.class, () -> parse(external)).reason());

            listener.setSoTimeout(300);
            assertThrows(SocketTimeoutException.class, () -> {
                try (Socket connected = listener.accept()) {
                    throw new AssertionError("the parser connected to " + connected.getRemoteSocketAddress());
                }
            });
        }
    }

    @Test
    void anEntityExpansionBombIsRefusedAtOnce() {
        StringBuilder entities = new StringBuilder("<!ENTITY a0 \"lol\">");
        for (int i = 1; i < 10; i++) {
            entities.append("<!ENTITY a").append(i).append(" \"").append(("&a" + (i - 1) + ";").repeat(10)).append("\">");
        }
        String body = "<!DOCTYPE xml [" + entities + "]><xml><a>&a9;</a></xml>";
        assertEquals(WeChatPushException.DOCTYPE, assertThrows(WeChatPushException.class, () -> parse(body)).reason());
    }

    @Test
    void anXIncludeIsNotFollowed() throws Exception {
        Path secret = Files.writeString(dir.resolve("included.txt"), "INCLUDED-SECRET");
        Map<String, String> fields = parse("<xml xmlns:xi=\"http://www.w3.org/2001/XInclude\"><a><xi:include href=\""
                + secret.toUri() + "\" parse=\"text\"/></a></xml>");
        assertFalse(fields.get("a").contains("INCLUDED-SECRET"), fields.toString());
    }

    private static Map<String, String> parse(String body) throws WeChatPushException {
        return WeChatPushXml.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertNoSecretIn(Throwable e, String secret) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains(secret), t.toString());
        }
    }
}
