package io.github.keycloakwechat.api;

/**
 * WeChat's answer to {@code /sns/jscode2session}: who signed in to the mini program. WeChat also sends the
 * {@code session_key}, which decrypts data the mini program hands over; this extension needs none of that, so the
 * key is dropped where the answer is read and never leaves {@link WeChatApiClient}.
 *
 * @param unionid {@code null} when the mini program is not bound to an Open Platform account
 */
public record WeChatMiniProgramSession(String openid, String unionid) {
}
