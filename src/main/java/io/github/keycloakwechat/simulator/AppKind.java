package io.github.keycloakwechat.simulator;

import java.util.Locale;

/** The kinds of WeChat application the simulator reproduces the logins of. */
public enum AppKind {
    /** 开放平台网站应用: QR login at {@code /connect/qrconnect}, scope {@code snsapi_login}, 10-minute codes. */
    WEBSITE("website", "a website app", true),
    /** 公众号/服务号: web authorisation at {@code /connect/oauth2/authorize}, 5-minute codes. */
    OFFICIAL_ACCOUNT("oa", "an Official Account", true),
    /** 小程序: {@code wx.login()} codes exchanged at {@code /sns/jscode2session}, phone numbers (§6, §6.1). */
    MINI_PROGRAM("miniprogram", "a mini program", false),
    /** 开放平台移动应用: the SDK's {@code SendAuth} codes exchanged at {@code /sns/oauth2/access_token} (§6.2). */
    MOBILE_APP("mobile", "a mobile app", false);

    private final String label;
    private final String description;
    private final boolean hasCallbackDomain;

    AppKind(String label, String description, boolean hasCallbackDomain) {
        this.label = label;
        this.description = description;
        this.hasCallbackDomain = hasCallbackDomain;
    }

    /** The name on the command line ({@code --app KIND:…}) and in the control API ({@code kind=}). */
    String label() {
        return label;
    }

    /** "a website app", "an Official Account" …: how messages name the kind. */
    String description() {
        return description;
    }

    /** Website apps and Official Accounts redirect a browser, so they have a callback domain; the others do not. */
    boolean hasCallbackDomain() {
        return hasCallbackDomain;
    }

    /** The kind named by its label ({@code official_account} and {@code official-account} are taken too). */
    static AppKind fromLabel(String label) {
        String l = label == null ? "" : label.toLowerCase(Locale.ROOT);
        for (AppKind kind : values()) {
            if (kind.label.equals(l) || kind.name().toLowerCase(Locale.ROOT).equals(l.replace('-', '_'))) {
                return kind;
            }
        }
        throw new IllegalArgumentException("kind must be website, oa, miniprogram or mobile, got " + label);
    }
}
