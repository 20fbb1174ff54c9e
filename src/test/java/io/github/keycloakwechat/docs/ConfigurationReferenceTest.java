package io.github.keycloakwechat.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.github.keycloakwechat.broker.WeChatIdentityProviderConfig;
import io.github.keycloakwechat.broker.WeChatIdentityProviderFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * The configuration reference ({@code docs/configuration.md} and {@code docs/configuration.zh-CN.md}) is
 * generated from {@link WeChatIdentityProviderFactory#getConfigProperties()} and the message bundles the
 * admin console reads its labels and help texts from. Only the table between the {@code generated}
 * markers is generated; the prose around it is written by hand.
 *
 * <p>Fails when a committed table differs from what the code says. To rewrite the tables:
 * {@code mvn test -Dtest=ConfigurationReferenceTest -Ddocs.update=true}.
 */
class ConfigurationReferenceTest {

    static final String START = "<!-- generated:start -->";
    static final String END = "<!-- generated:end -->";
    private static final String BUNDLES = "/theme-resources/messages/";
    private static final Text TEXT = new Text("text", "文本");
    private static final Text SECRET = new Text("password (secret)", "密码（保密）");
    /** What {@code WeChatIdentityProviderConfig.validate} accepts as an AppID. */
    private static final Text APP_ID_RULE = new Text("`wx` + 16 hexadecimal digits", "`wx` + 16 个十六进制字符");

    /** Keycloak's own fields above ours, with the admin console's labels (keycloak.v2 admin bundles, en / zh-Hans). */
    private static final List<Row> STANDARD_FIELDS = List.of(
            new Row("clientId", "Client ID", "客户端ID", TEXT, "—", APP_ID_RULE,
                    "AppID of the website application (网站应用) at open.weixin.qq.com. Required.",
                    "开放平台（open.weixin.qq.com）网站应用的 AppID。必填。"),
            new Row("clientSecret", "Client Secret", "客户端密码", SECRET, "—",
                    new Text("any, or `${vault.KEY}`", "任意，或 `${vault.KEY}`"),
                    "The website application's AppSecret, or a vault reference such as ${vault.wechat_appsecret}."
                            + " Keycloak's admin REST API returns `**********` (or the vault reference), never the value.",
                    "网站应用的 AppSecret，或保险库引用，例如 ${vault.wechat_appsecret}。Keycloak 管理 REST API"
                            + " 返回 `**********`（或保险库引用），不会返回明文。"));

    record Row(String key, String labelEn, String labelZh, Text type, String defaultValue, Text allowed,
               String effectEn, String effectZh) {
    }

    /** A cell written by hand in both languages. */
    record Text(String en, String zh) {
        String in(boolean english) {
            return english ? en : zh;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN"})
    void committedTableMatchesTheProviderFactory(String language) throws IOException {
        Path page = DocFiles.root().resolve(language.equals("en") ? "docs/configuration.md" : "docs/configuration.zh-CN.md");
        String expected = render(language);
        String text = Files.readString(page, StandardCharsets.UTF_8);
        int start = text.indexOf(START);
        int end = text.indexOf(END);
        assertTrue(start >= 0 && end > start, page + " must contain " + START + " … " + END);
        String committed = text.substring(start + START.length(), end);
        if (committed.equals(expected)) {
            return;
        }
        if (Boolean.getBoolean("docs.update")) {
            Files.writeString(page, text.substring(0, start + START.length()) + expected + text.substring(end),
                    StandardCharsets.UTF_8);
            System.out.println("Rewrote the generated table in " + page);
            return;
        }
        assertEquals(expected, committed, page + " is out of date with WeChatIdentityProviderFactory and the message"
                + " bundles. Regenerate it with: mvn test -Dtest=ConfigurationReferenceTest -Ddocs.update=true");
    }

    /** The table, with a blank line before and after so that Markdown renders it between the markers. */
    static String render(String language) throws IOException {
        boolean english = language.equals("en");
        StringBuilder out = new StringBuilder("\n");
        out.append(english
                ? "| Key | Label (English) | Label (中文) | Type | Default | Allowed values | Effect |\n"
                : "| 配置键 | 标签（中文） | 标签（English） | 类型 | 默认值 | 允许的值 | 作用 |\n");
        out.append("|---|---|---|---|---|---|---|\n");
        for (Row row : rows()) {
            out.append("| `").append(row.key()).append("` | ")
                    .append(cell(english ? row.labelEn() : row.labelZh())).append(" | ")
                    .append(cell(english ? row.labelZh() : row.labelEn())).append(" | ")
                    .append(row.type().in(english)).append(" | ")
                    .append(row.defaultValue()).append(" | ")
                    .append(row.allowed().in(english)).append(" | ")
                    .append(cell(english ? row.effectEn() : row.effectZh())).append(" |\n");
        }
        return out.append("\n").toString();
    }

    static List<Row> rows() throws IOException {
        Properties en = bundle("messages_en.properties");
        Properties zh = bundle("messages_zh_CN.properties");
        List<Row> rows = new ArrayList<>(STANDARD_FIELDS);
        for (ProviderConfigProperty p : new WeChatIdentityProviderFactory().getConfigProperties()) {
            rows.add(new Row(p.getName(),
                    message(en, p.getLabel()), message(zh, p.getLabel()),
                    type(p),
                    p.getDefaultValue() == null ? "—" : "`" + p.getDefaultValue() + "`",
                    allowedValues(p),
                    message(en, p.getHelpText()), message(zh, p.getHelpText())));
        }
        return rows;
    }

    private static Text type(ProviderConfigProperty p) {
        return switch (p.getType()) {
            case ProviderConfigProperty.STRING_TYPE -> TEXT;
            case ProviderConfigProperty.PASSWORD -> p.isSecret() ? SECRET : new Text("password", "密码");
            case ProviderConfigProperty.LIST_TYPE -> new Text("list", "列表");
            case ProviderConfigProperty.BOOLEAN_TYPE -> new Text("on/off", "开/关");
            default -> new Text(p.getType(), p.getType());
        };
    }

    /** From the factory's options, or from the rules {@code WeChatIdentityProviderConfig.validate} applies on save. */
    private static Text allowedValues(ProviderConfigProperty p) {
        if (p.getOptions() != null && !p.getOptions().isEmpty()) {
            String options = String.join(", ", p.getOptions().stream().map(o -> "`" + o + "`").toList());
            return new Text(options, options);
        }
        Text baseUrl = new Text(
                "absolute `https` URL; `http` only where the realm's *Require SSL* allows it (`localhost` and private addresses by default)",
                "绝对 `https` 地址；仅在领域的 *需要 SSL* 允许时可用 `http`（默认为 `localhost` 和内网地址）");
        String range = constant("MIN_TIMEOUT_MILLIS") + "–" + constant("MAX_TIMEOUT_MILLIS");
        Text appId = new Text("empty, or " + APP_ID_RULE.en(), "留空，或 " + APP_ID_RULE.zh());
        Text appSecret = new Text("any, or `${vault.KEY}`; set together with the AppID",
                "任意，或 `${vault.KEY}`；与 AppID 同时设置");
        Map<String, Text> rules = Map.ofEntries(
                Map.entry(WeChatIdentityProviderConfig.OFFICIAL_ACCOUNT_APP_ID, appId),
                Map.entry(WeChatIdentityProviderConfig.OFFICIAL_ACCOUNT_APP_SECRET, appSecret),
                Map.entry(WeChatIdentityProviderConfig.OFFICIAL_ACCOUNT_TOKEN, new Text(
                        "empty, or 3–32 letters and digits, or `${vault.KEY}`; needs the Official Account",
                        "留空，或 3–32 个字母和数字，或 `${vault.KEY}`；需要先配置公众号")),
                Map.entry(WeChatIdentityProviderConfig.OFFICIAL_ACCOUNT_ENCODING_AES_KEY, new Text(
                        "empty (plain mode), or 43 letters and digits, or `${vault.KEY}`; needs the Token",
                        "留空（明文模式），或 43 个字母和数字，或 `${vault.KEY}`；需要先设置令牌")),
                Map.entry(WeChatIdentityProviderConfig.MINI_PROGRAM_APP_ID, appId),
                Map.entry(WeChatIdentityProviderConfig.MINI_PROGRAM_APP_SECRET, appSecret),
                Map.entry(WeChatIdentityProviderConfig.MOBILE_APP_APP_ID, appId),
                Map.entry(WeChatIdentityProviderConfig.MOBILE_APP_APP_SECRET, appSecret),
                Map.entry(WeChatIdentityProviderConfig.CODE_GRANT_CLIENTS, new Text(
                        "empty, or Client IDs of this realm separated by commas",
                        "留空，或本领域的客户端 ID，以逗号分隔")),
                Map.entry(WeChatIdentityProviderConfig.API_BASE_URL, baseUrl),
                Map.entry(WeChatIdentityProviderConfig.OPEN_BASE_URL, baseUrl),
                Map.entry(WeChatIdentityProviderConfig.WX_LOGIN_SCRIPT_URL, baseUrl),
                Map.entry(WeChatIdentityProviderConfig.EMBEDDED_QR, new Text("`true`, `false`", "`true`、`false`")),
                Map.entry(WeChatIdentityProviderConfig.FOLLOW_QR, new Text(
                        "`true`, `false`; `true` needs the Official Account's Token, and `kcTheme-embeddedQr` off",
                        "`true`、`false`；`true` 需要公众号的令牌（Token），且 `kcTheme-embeddedQr` 关闭")),
                Map.entry(WeChatIdentityProviderConfig.MP_BASE_URL, baseUrl),
                Map.entry(WeChatIdentityProviderConfig.USERNAME_TEMPLATE, new Text(
                        "contains `${id}`; may contain `${nickname}`; at most 64 characters, no spaces",
                        "必须包含 `${id}`；可包含 `${nickname}`；最多 64 个字符，不含空格")),
                Map.entry(WeChatIdentityProviderConfig.TIMEOUT_MILLIS, new Text(range, range)));
        Text rule = rules.get(p.getName());
        assertNotNull(rule, "New config property " + p.getName() + ": say what values it allows in " + ConfigurationReferenceTest.class.getSimpleName());
        return rule;
    }

    /** A validation bound of {@link WeChatIdentityProviderConfig}, read where it is defined. */
    private static Object constant(String name) {
        try {
            Field field = WeChatIdentityProviderConfig.class.getDeclaredField(name);
            field.setAccessible(true);
            return field.get(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("WeChatIdentityProviderConfig." + name + " is gone: update the configuration reference", e);
        }
    }

    private static String message(Properties bundle, String key) {
        String value = bundle.getProperty(key);
        if (value == null) {
            fail("Message key " + key + " is missing from a bundle in " + BUNDLES);
        }
        return value;
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    private static Properties bundle(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = ConfigurationReferenceTest.class.getResourceAsStream(BUNDLES + name)) {
            assertNotNull(in, BUNDLES + name);
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
