package io.github.keycloakwechat.api;

/**
 * The profile WeChat returns from {@code /sns/userinfo}. Since 2021 WeChat sends no gender or region,
 * so only what still carries information is kept.
 *
 * @param unionid {@code null} when the app is not bound to an Open Platform account
 * @param headimgurl empty when the person has no avatar
 */
public record WeChatUserInfo(String openid, String unionid, String nickname, String headimgurl) {
}
