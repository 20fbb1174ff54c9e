package io.github.keycloakwechat.api;

import java.util.Map;

/**
 * The profile WeChat returns from {@code /sns/userinfo}. Since 2021 WeChat sends 0 as gender and empty region
 * fields for most people; they are kept as sent, for the admins' attribute mappers.
 *
 * @param unionid {@code null} when the app is not bound to an Open Platform account
 * @param headimgurl empty when the person has no avatar
 * @param details the other fields WeChat sent as text or number ({@link #DETAILS}), as text
 */
public record WeChatUserInfo(String openid, String unionid, String nickname, String headimgurl,
                             Map<String, String> details) {

    /** The fields of {@code /sns/userinfo} kept besides the ids, nickname and avatar (protocol §4). */
    public static final java.util.List<String> DETAILS = java.util.List.of("sex", "province", "city", "country", "language");

    public WeChatUserInfo {
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    public WeChatUserInfo(String openid, String unionid, String nickname, String headimgurl) {
        this(openid, unionid, nickname, headimgurl, Map.of());
    }
}
