package io.github.keycloakwechat.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The message bundles people read: the same keys in English and Chinese, and text that survives MessageFormat. */
class MessageBundlesTest {

    /** A lone apostrophe starts a quoted section in MessageFormat: "WeChat's" would read "WeChats". */
    private static final Pattern LONE_APOSTROPHE = Pattern.compile("(?<!')'(?!')");

    @Test
    void englishAndChineseHaveTheSameKeys() throws IOException {
        assertEquals(bundle("messages_en.properties").keySet(), bundle("messages_zh_CN.properties").keySet());
    }

    @ParameterizedTest
    @ValueSource(strings = {"messages_en.properties", "messages_zh_CN.properties"})
    void loginPageMessagesDoubleTheirApostrophes(String name) throws IOException {
        Properties messages = bundle(name);
        for (String key : messages.stringPropertyNames()) {
            // Labels and help texts are rendered by the admin console (i18next), not by MessageFormat.
            if (key.endsWith("Label") || key.endsWith("Help")) {
                continue;
            }
            assertTrue(!LONE_APOSTROPHE.matcher(messages.getProperty(key)).find(),
                    name + ": " + key + " has a lone apostrophe; write '' so the login page shows it");
        }
    }

    private static Properties bundle(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = MessageBundlesTest.class.getResourceAsStream("/theme-resources/messages/" + name)) {
            assertNotNull(in, name);
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
